// `npm test`: format check, lint, type-check, unit and integration tests on SQLite, again on PostgreSQL when
// TEST_DATABASE_URL is set, then the browser tests in Debian's Chromium. Ends with one
// "N passed, N failed" line summing every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'node_modules/.cache/forefront-test');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];
// Failing tests are listed again at the very end: CI keeps only the tail of a long log.
const failedTests = [];

function firstLines(text = '', n = 6) {
  return String(text).split('\n').slice(0, n).join('\n    ');
}

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

function vitest(name, project, env = {}) {
  const file = join(out, `${name.replace(/\W+/g, '-')}.json`);
  run(
    name,
    'npx',
    ['vitest', 'run', '--root', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    env,
  );
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    for (const f of j.testResults ?? []) {
      const file = f.name.slice(root.length);
      for (const t of f.assertionResults ?? []) {
        if (t.status === 'failed')
          failedTests.push(`${name}: ${file} > ${t.fullName}\n    ${firstLines(t.failureMessages?.[0])}`);
      }
      if (f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed')) {
        failedTests.push(`${name}: ${file}\n    ${firstLines(f.message)}`);
      }
    }
  } else failedSteps.push(`${name} (no report)`);
}

// Fast checks first: a format or lint error fails `npm test` like a failing test does.
run('Format check (Prettier)', 'npm', ['run', 'format:check']);
run('Lint (typescript-eslint)', 'npm', ['run', 'lint']);
run('Type check', 'npm', ['run', 'typecheck']);
vitest('Contract and web unit tests', 'packages/web');
vitest('Server on SQLite', 'packages/server', { FOREFRONT_TEST_DIALECT: 'sqlite' });
if (process.env.TEST_DATABASE_URL)
  vitest('Server on PostgreSQL', 'packages/server', { FOREFRONT_TEST_DIALECT: 'postgres' });
else
  console.log(
    '\n=== Server on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://... to run the suite on PostgreSQL too) ===',
  );

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  run('Build web app', 'npm', ['run', 'build', '-w', '@forefront/web']);
  const file = join(out, 'playwright.json');
  run(
    'Browser tests (Playwright, Chromium)',
    'npx',
    ['playwright', 'test', '-c', 'packages/e2e/playwright.config.ts', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  );
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')).stats;
    totals.passed += s.expected;
    totals.failed += s.unexpected + s.flaky;
    totals.skipped += s.skipped;
  } else failedSteps.push('Browser tests (no report)');
} else {
  console.log(`\n=== Browser tests: skipped, no Chromium at ${chromium} (apt-get install -y chromium) ===`);
}

console.log('');
if (failedTests.length) console.log(`Failed tests:\n  ${failedTests.join('\n  ')}\n`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
