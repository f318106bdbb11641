import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { account, demo, signInThroughApi, test, withPassword } from '../fixtures/forefront';
import { TOUR } from './tour-pages';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const WIDTHS = [1280, 390] as const;

/** Waits for the page's data (no spinner, the heading shown), then one image of the first screen per width (a full page of a long report is megabytes). */
async function shoot(page: Page, name: string, path: string, prepare?: (page: Page) => Promise<void>) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    if (prepare) await prepare(page);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}${name}-${width}.png`, fullPage: false });
  }
}

mkdirSync(OUT, { recursive: true });

for (const stop of TOUR) {
  test(`tour: ${stop.name}`, async ({ page }) => {
    if (stop.role) await signInThroughApi(page, withPassword(account(stop.role)));
    const path = stop.path.replace(':districtId', demo().districtId);
    if (stop.lang === 'es') await page.addInitScript(() => localStorage.setItem('forefront.language', 'es'));
    await shoot(page, stop.name, path, stop.prepare);
  });
}
