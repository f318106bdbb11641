import { writeSync } from 'node:fs';

/** pino sets `lastLevel` on a destination that asks for it (pino.multistream uses the same). */
export const NEEDS_METADATA = Symbol.for('pino.metadata');
const WARN = 40;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Where `forefront serve` writes its log: standard output, in batches. Writing every request
 * line as its own write(2) cost about 3 µs a request, a tenth of the public report's whole cost
 * (docs/benchmarks.md); joining the lines and writing them together costs under 1 µs.
 *
 * What this trades, and why it is acceptable:
 * - Warnings and errors are written at once, with everything before them, in order.
 * - Other lines wait at most `flushMs` (1 s) or until `maxBytes` (8 KB, ~35 request lines)
 *   have gathered, and are written when the process exits, whatever the exit (process.exit,
 *   an uncaught error, a signal handled by the shutdown path). Only a process killed outright
 *   (SIGKILL, the kernel's out-of-memory killer) loses its last second of request lines.
 * - The audit trail is in the database, never in this log, so nothing of record is at risk.
 */
export class BatchedLogDestination {
  readonly [NEEDS_METADATA] = true;
  /** Set by pino before each write; OneLinePerRequest sets it for the lines it writes itself. */
  lastLevel = 0;
  private lines: string[] = [];
  private length = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly onExit = () => this.flush();

  constructor(
    private readonly fd: number,
    private readonly maxBytes = 8_192,
    flushMs = 1_000,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs).unref();
    process.on('exit', this.onExit);
  }

  /** Writes what is held and stops (the fd stays open: it is not ours). */
  close(): void {
    this.flush();
    clearInterval(this.timer);
    process.off('exit', this.onExit);
  }

  write(line: string): void {
    this.lines.push(line);
    this.length += line.length;
    if (this.length >= this.maxBytes || this.lastLevel >= WARN) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    const data = Buffer.from(this.lines.join(''));
    this.lines = [];
    this.length = 0;
    for (let offset = 0; offset < data.length;) {
      try {
        offset += writeSync(this.fd, data, offset);
      } catch (err) {
        // A pipe that is full (a slow log collector): wait a moment and write the rest.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        Atomics.wait(sleeper, 0, 0, 1);
      }
    }
  }
}
