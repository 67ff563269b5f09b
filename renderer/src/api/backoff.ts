/** Delay before the n-th reconnect attempt (0-based): doubles from 500 ms, capped at 10 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
}
