import type { Page } from '@playwright/test';
import { demo, expect, expectAccessible, pageHeading, test } from '../../fixtures/forefront';

/**
 * Issue 13's public pages: a visitor reads the demo district's page on a desktop and on a 320 px
 * phone, in English and in Spanish. The page has a table of contents (sticky on wide screens),
 * never scrolls sideways at 320 px, draws chart labels at 12 px or more, shows the weapon-offense
 * trend and the exposure to police by group, says so in a sentence when no federal CRDC figures
 * are loaded, and makes no request that fails: every response and console message is watched.
 */

interface Report {
  year: string;
  highlights: Record<string, unknown>;
  tables: Array<{ key: string; rows: Array<{ key: string; cells: Record<string, unknown> }> }>;
}

/** Every failed response, failed request and console error on the page from now on. */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failures.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // A download link the page prefetches is never followed here; anything else failing is a fault.
    failures.push(`failed ${req.method()} ${req.url()}: ${req.failure()?.errorText ?? ''}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
  return failures;
}

/** The page is no wider than the window: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The innermost elements that reach past the window's right edge, to say what overflows.
    const wide = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.getBoundingClientRect().right > client + 0.5)
      .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().right > client + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 40)}"`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(scroll, `page is ${scroll}px wide in a ${client}px window: ${wide.join('; ')}`).toBeLessThanOrEqual(client);
}

/** Every chart label's size as drawn on screen (its font size times the SVG's scale), in px. */
async function smallestChartText(page: Page): Promise<{ count: number; min: number }> {
  return page.evaluate(() => {
    let min = Infinity;
    let count = 0;
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('svg.tp-chart'))) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        if (!text.textContent?.trim()) continue;
        count++;
        min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale);
      }
    }
    return { count, min };
  });
}

test('a visitor reads the district page on a desktop and a 320 px phone, in English and Spanish, and no request fails', async ({
  page,
  request,
}) => {
  // Five axe runs over the long district page on a shared machine: more than the default minute.
  test.setTimeout(300_000);
  const districtId = demo().districtId;
  const index = (await (await request.get(`/api/public/districts/${districtId}/transparency`)).json()) as {
    latestYear: string;
  };
  const report = (await (
    await request.get(`/api/public/districts/${districtId}/transparency/${index.latestYear}`)
  ).json()) as Report;
  const district = (await (await request.get(`/api/public/districts/${districtId}`)).json()) as {
    name: string;
    schools: Array<{ id: string; name: string }>;
  };
  const failures = watchFailures(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  await test.step('on a desktop: a sticky table of contents and the new figures', async () => {
    await page.goto(`/districts/${districtId}`);
    await expect(pageHeading(page, district.name)).toBeVisible();
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await expect(toc).toBeVisible();
    for (const name of ['About the district', 'Weapon offenses by school year', 'Exposure to police by group'])
      await expect(toc.getByRole('link', { name })).toBeVisible();
    expect(await toc.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    // A link moves the reader to its section, and the contents stay in view.
    await toc.getByRole('link', { name: 'Exposure to police by group' }).click();
    await expect(page).toHaveURL(/#tp-exposure$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Exposure to police by group' })).toBeInViewport();
    await expect(toc).toBeInViewport();

    // The weapon-offense trend, with the figures the public API gives.
    const weapon = report.tables.find((t) => t.key === 'weapon_trend')!;
    const latest = weapon.rows.find((r) => r.key === report.year)!;
    const weaponTable = page.getByRole('table', {
      name: /^Weapon-offense incidents and students referred by school year/,
    });
    await expect(weaponTable).toBeVisible();
    const latestRow = weaponTable.getByRole('row', { name: new RegExp(`^${report.year}`) });
    if (typeof latest.cells.weapon_incidents === 'number')
      await expect(latestRow.getByRole('cell').first()).toHaveText(
        latest.cells.weapon_incidents.toLocaleString('en-US'),
      );

    // Exposure by race, and a sentence (not an error) where no federal files are loaded.
    await expect(
      page.getByRole('table', { name: /^Students in a school with a sworn officer, by race/ }),
    ).toBeVisible();
    await expect(page.getByText(/federal Civil Rights Data Collection files for 2020-21 are not loaded/)).toBeVisible();
    await expect(page.getByText('Federal figures for 2020-21 are not available for this district.')).toBeVisible();

    // "About" and the year at a glance give the same enrollment, or the page says why not.
    const glance = page.locator('[data-highlight="enrolled"] dd');
    const about = page.getByTestId('about-enrollment');
    if (typeof report.highlights.enrolled === 'number') await expect(about).toHaveText((await glance.textContent())!);
    else
      await expect(
        page.getByText(/The year at a glance shows no enrollment|is withheld in the year at a glance/),
      ).toBeVisible();

    const text = await smallestChartText(page);
    expect(text.count).toBeGreaterThan(10);
    expect(text.min).toBeGreaterThanOrEqual(12);
    await expectAccessible(page);
  });

  await test.step('on a 320 px phone: nothing scrolls sideways and chart labels stay 12 px or more', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/districts/${districtId}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Exposure to police by group' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    const text = await smallestChartText(page);
    expect(text.count).toBeGreaterThan(10);
    expect(text.min).toBeGreaterThanOrEqual(12);
    await expectAccessible(page);
  });

  await test.step('in Spanish on the phone: the same page, every new heading in Spanish', async () => {
    // On a phone the language switcher is in the menu; the choice is remembered across loads.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.reload();
    const toc = page.getByRole('navigation', { name: 'En esta página' });
    await expect(toc.getByRole('link', { name: 'Delitos con armas por año escolar' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Exposición a la policía por grupo' })).toBeVisible();
    await expect(page.getByText('No hay cifras federales de 2020-21 para este distrito.')).toBeVisible();
    await expectNoSidewaysScroll(page);
    expect((await smallestChartText(page)).min).toBeGreaterThanOrEqual(12);
    await expectAccessible(page);
  });

  await test.step('a school page and the landing page, in Spanish at 320 px, also fit and load cleanly', async () => {
    const school = district.schools[0]!;
    await page.goto(`/districts/${districtId}/schools/${school.id}`);
    await expect(pageHeading(page, school.name)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Delitos con armas por año escolar' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.goto('/');
    await expect(page.getByRole('link', { name: district.name })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  expect(failures, 'failed requests and console errors on the public pages').toEqual([]);
});
