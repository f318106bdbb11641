import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Start a server process and resolve once `readyUrl` answers 200. Its output goes to `logFile`
 * (as a deployment's logs would go to a file or journal), not through this process: reading a
 * pipe here would take CPU from autocannon while it measures.
 */
export async function startProcess(
  cmd: string,
  argv: string[],
  opts: { env: NodeJS.ProcessEnv; readyUrl: string; logFile: string; timeoutMs?: number },
): Promise<ChildProcess> {
  const fd = openSync(opts.logFile, 'w');
  const child = spawn(cmd, argv, { env: opts.env, stdio: ['ignore', fd, fd, 'ipc'] });
  closeSync(fd);
  const tail = () => readFileSync(opts.logFile, 'utf8').slice(-4000);
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) throw new Error(`${argv.join(' ')} exited before it was ready:\n${tail()}`);
    try {
      if ((await fetch(opts.readyUrl)).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${argv.join(' ')} was not ready within ${(opts.timeoutMs ?? 30_000) / 1000} s:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL if the process has not ended within `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** utime + stime and the parent pid of one process, from /proc/<pid>/stat (Linux). */
function statOf(pid: number): { cpuMs: number; ppid: number } | null {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: ppid is the 2nd, utime and stime the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, ppid: Number(fields[1]) }; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, all threads) a process and its live child processes (the workers of
 * `forefront serve` with WORKERS > 1) have used so far, in ms, from /proc (Linux): the server's
 * own cost per request, which the machine's noise moves far less than req/s.
 */
export function cpuTimeMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const own = statOf(pid);
  if (!own) return NaN;
  let total = own.cpuMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = statOf(Number(entry));
    if (child?.ppid === pid) total += child.cpuMs;
  }
  return total;
}
