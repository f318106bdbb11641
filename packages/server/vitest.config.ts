import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file gets its own database (a temp SQLite file or a fresh PostgreSQL database).
    pool: 'forks',
    // Each file's apps, databases and temp folders are closed and dropped when it ends (setup.ts), and
    // the run fails if any is left (global-setup.ts).
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
