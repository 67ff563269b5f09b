import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: number, total: number | null, message: string): void;
  stop(): void;
}

/**
 * Progress on stderr: a bar on a terminal, plain lines otherwise (logs, CI,
 * pipes), never on stdout so that --json output stays one document.
 */
export function createProgress(label: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {message}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, message) {
        if (!started) {
          bar.start(total ?? 0, done, { message });
          started = true;
        }
        if (total !== null) bar.setTotal(total);
        bar.update(done, { message });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastPrinted = 0;
  let lastMessage = '';
  return {
    update(done, total, message) {
      const now = Date.now();
      if (now - lastPrinted < 1000 && message === lastMessage && (total === null || done < total)) return;
      lastPrinted = now;
      lastMessage = message;
      process.stderr.write(`${label}: ${total === null ? done : `${done}/${total}`} ${message}\n`);
    },
    stop() {},
  };
}
