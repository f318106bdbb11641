import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';

/**
 * `forefront crdc import` of the 8 state files in ../shared/data/crdc-2020-21 against csv-parse
 * alone reading the same files, in the same run (issue 4 target: import <= 3x the csv-parse time).
 * The import is the real command in a child process on a fresh SQLite database each round, so its
 * time includes process start, migrations, parsing, reserve-code handling, upserts and linking.
 *
 *   node --import tsx bench/crdc-import.ts [--rounds 3]
 */
const repoRoot = resolve(import.meta.dirname, '..');
const DATA = resolve(repoRoot, '../shared/data/crdc-2020-21');
if (!existsSync(DATA)) {
  console.log(`crdc-import bench skipped: ${DATA} is absent`);
  process.exit(0);
}
const files = readdirSync(DATA)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((f) => join(DATA, f));
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 3) || 3;
const bytes = files.reduce((a, f) => a + statSync(f).size, 0);

async function csvParseAlone(): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  let rows = 0;
  for (const f of files) for await (const _ of createReadStream(f).pipe(parse({ bom: true }))) rows++;
  return { ms: performance.now() - t0, rows };
}

function forefrontImport(): number {
  const dir = mkdtempSync(join(tmpdir(), 'crdc-bench-'));
  try {
    const t0 = performance.now();
    execFileSync(process.execPath, [join(repoRoot, 'packages/server/bin/forefront.js'), 'crdc', 'import', ...files], {
      env: { ...process.env, FOREFRONT_DATA_DIR: dir, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return performance.now() - t0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const parseTimes: number[] = [];
const importTimes: number[] = [];
let rows = 0;
console.log(
  `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${cpus().length} x ${cpus()[0]?.model}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (let i = 0; i < rounds; i++) {
  const p = await csvParseAlone();
  rows = p.rows;
  parseTimes.push(p.ms);
  importTimes.push(forefrontImport());
  console.log(
    `round ${i + 1}: csv-parse ${p.ms.toFixed(0)} ms, forefront crdc import ${importTimes.at(-1)!.toFixed(0)} ms`,
  );
}
const ratio = median(importTimes) / median(parseTimes);
console.log(`csv-parse alone: median ${median(parseTimes).toFixed(0)} ms (${rows} records incl. headers)`);
console.log(`forefront crdc import: median ${median(importTimes).toFixed(0)} ms`);
console.log(
  `ratio ${ratio.toFixed(2)} (target <= 3): ${ratio <= 3 ? 'PASS' : 'FAIL'}; load average after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
