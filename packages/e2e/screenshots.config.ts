import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots -w packages/e2e`: the README's tour. Not part of `npm test` (it writes
 * docs/screenshots/); it reuses the browser tests' server, demo district and Chromium.
 */
export default defineConfig({ ...base, testDir: './tour', timeout: 180_000 });
