import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchedLogDestination } from '../src/plugins/log-destination.js';
import { createTempDir } from './harness.js';

const MODULE = fileURLToPath(new URL('../src/plugins/log-destination.ts', import.meta.url));

describe('the serving process writes its log in batches (BatchedLogDestination)', () => {
  let dir: string;
  let file: string;
  let fd: number;
  let dest: BatchedLogDestination | undefined;
  const written = () => readFileSync(file, 'utf8');
  const lines = () =>
    written()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string });

  beforeEach(() => {
    dir = createTempDir('log');
    file = join(dir, 'out.log');
    fd = openSync(file, 'w');
  });
  afterEach(() => {
    dest?.close();
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds info lines, then writes them in order with the first warning or error', () => {
    dest = new BatchedLogDestination(fd, 10_000, 60_000);
    const log = pino({ base: null }, dest);
    log.info('one');
    log.info('two');
    expect(written()).toBe('');
    log.warn('three');
    expect(lines().map((l) => l.msg)).toEqual(['one', 'two', 'three']);
    log.info('four');
    expect(lines()).toHaveLength(3);
    log.error('five');
    expect(lines().map((l) => [l.msg, l.level])).toEqual([
      ['one', 30],
      ['two', 30],
      ['three', 40],
      ['four', 30],
      ['five', 50],
    ]);
  });

  it('writes once the batch reaches maxBytes, and within flushMs otherwise', async () => {
    dest = new BatchedLogDestination(fd, 250, 50);
    const line = (c: string) => `${c.repeat(99)}\n`;
    dest.write(line('a'));
    dest.write(line('b'));
    expect(written()).toBe('');
    dest.write(line('c'));
    expect(written()).toBe(line('a') + line('b') + line('c'));
    dest.write(line('d'));
    expect(written()).toHaveLength(300);
    await new Promise((r) => setTimeout(r, 200));
    expect(written()).toBe(line('a') + line('b') + line('c') + line('d'));
  });

  // A separate process, since this is about how a process ends.
  for (const [how, code, ending] of [
    ['process.exit', 0, 'process.exit(0);'],
    ['an uncaught error', 1, "throw new Error('boom');"],
  ] as const) {
    it(`writes what it holds when the process ends by ${how}`, () => {
      const script = `import { BatchedLogDestination } from ${JSON.stringify(MODULE)};
        const dest = new BatchedLogDestination(1, 10_000, 60_000);
        dest.write('kept 1\\n'); dest.write('kept 2\\n');
        ${ending}`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(code);
      expect(r.stdout).toBe('kept 1\nkept 2\n');
    });
  }
});
