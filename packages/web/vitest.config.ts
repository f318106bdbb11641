import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    environment: 'node',
    // The root `npm test` runs "Contract and web unit tests" from here: the contract has no
    // runner of its own, and its schemas are what the web app parses answers with.
    include: ['src/**/*.test.{ts,tsx}', '../contract/src/**/*.test.ts'],
  },
});
