import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file gets its own database (a temp SQLite file or a fresh PostgreSQL database).
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): a file spends much
    // of its time waiting on the database, argon2 or a child process, and the suite ran 1.4x faster.
    maxWorkers: 2,
    // Each file's apps, databases and temp folders are closed and dropped when it ends (setup.ts), and
    // the run fails if any is left (global-setup.ts).
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
