/** Whether pushed events (job progress, workspace switches) are flowing. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** A tiny observable value, shared by the transports and the header's status light. */
export class ConnectionStatus {
  private state: ConnectionState = 'connecting';
  private readonly listeners = new Set<() => void>();

  get(): ConnectionState {
    return this.state;
  }

  set(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
