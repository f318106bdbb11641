import { type Page } from '@playwright/test';
import {
  account,
  expect,
  expectAccessible,
  pageHeading,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/** Does anything on the page, or the incident table itself, scroll sideways? */
async function sidewaysScroll(page: Page) {
  return page.evaluate(() => {
    const doc = document.scrollingElement!;
    const table = document.querySelector('.site-incident-table .usa-table-container--scrollable');
    return {
      page: doc.scrollWidth - doc.clientWidth,
      table: table ? table.scrollWidth - table.clientWidth : null,
    };
  });
}

test('the incident list shows status, students, outcome and flags without sideways scrolling, and cards on a phone', async ({
  browser,
}) => {
  // Four sign-ins of one account: each waits for a fresh two-step code (fixtures' totp()).
  test.setTimeout(180_000);
  for (const lang of ['en', 'es'] as const)
    await test.step(`at 1280 px (${lang}): one table, every column in view`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: lang === 'es' ? 'es-ES' : 'en-US',
      });
      const page = await context.newPage();
      await signInThroughApi(page, withPassword(account('district_admin')));
      await page.goto('/app/incidents');
      const words =
        lang === 'es'
          ? { heading: 'Incidentes', of: 'de', columns: ['Estado', 'Estudiantes', 'Resultado', 'Alertas de rol'] }
          : { heading: 'Incidents', of: 'of', columns: ['Status', 'Students', 'Outcome', 'Role-clarity flags'] };
      await expect(pageHeading(page, words.heading)).toBeVisible();
      const caption = new RegExp(`^${words.heading} 1–\\d+ ${words.of} \\d+$`);
      const table = page.getByRole('table', { name: caption });
      await expect(table).toBeVisible();
      for (const column of words.columns) await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
      expect(await sidewaysScroll(page)).toEqual({ page: 0, table: 0 });
      // The cards are for narrow screens only.
      await expect(page.getByRole('list', { name: caption })).toBeHidden();
      await expectAccessible(page);
      await context.close();
    });

  for (const lang of ['en', 'es'] as const)
    await test.step(`at 390 px (${lang}): a list of cards, nothing wider than the phone`, async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: lang === 'es' ? 'es-ES' : 'en-US',
      });
      const page = await context.newPage();
      await signInThroughApi(page, withPassword(account('district_admin')));
      await page.goto('/app/incidents');
      const heading = lang === 'es' ? 'Incidentes' : 'Incidents';
      await expect(pageHeading(page, heading)).toBeVisible();
      const cards = page.getByRole('list', {
        name: new RegExp(`^${heading} 1–\\d+ ${lang === 'es' ? 'de' : 'of'} \\d+$`),
      });
      await expect(cards).toBeVisible();
      await expect(page.getByRole('table')).toBeHidden();
      const first = cards.getByRole('listitem').first();
      // Each card names the incident (a link to it) and says status, students, outcome and flags.
      await expect(first.getByRole('link', { name: /^INC-\d{4}-\d{6}$/ })).toBeVisible();
      const terms = lang === 'es' ? ['Estudiantes', 'Resultado'] : ['Students', 'Outcome'];
      for (const term of terms) await expect(first.getByText(term, { exact: true })).toBeVisible();
      expect((await sidewaysScroll(page)).page).toBe(0);
      await expectAccessible(page);
      await context.close();
    });
});
