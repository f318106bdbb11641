import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './env.mjs';

/**
 * Debian's Chromium (`apt-get install chromium`); Playwright cannot download its own browser here.
 * The flags keep Chromium from calling home, which this machine's closed network refuses.
 */
export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node server.mjs',
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // SIGTERM (not the default SIGKILL): the server shuts down and server.mjs removes the run folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
