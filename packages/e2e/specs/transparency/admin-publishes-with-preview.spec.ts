import type { Page } from '@playwright/test';
import {
  account,
  expect,
  expectAccessible,
  openSection,
  pageHeading,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * Issue 13's "Publish" story: the demo district administrator opens Publish from the staff
 * navigation, previews a school year (the district's report and a school's, each withheld figure
 * marked with its reason, what changed since the last release), publishes it with a progress bar
 * that reaches done, and finds the release, with their own name, in the history. The page passes
 * axe in English and in Spanish, and every heading reads in Spanish after switching.
 */

/** A withheld figure of the report, marked with one of the reasons the suppression engine records. */
const REASON_EN =
  /^(Small count|Small remainder|Small group|Protects another figure|Group under \d+|Uses a withheld figure|Withheld that year)$/;
const REASON_ES =
  /^(Cifra pequeña|Resto pequeño|Grupo pequeño|Protege otra cifra|Grupo de menos de \d+|Usa una cifra retenida|Retenida ese año)$/;

/** The report's table cells that are withheld and say why. */
const withheldCells = (page: Page) => page.locator('.pub-preview td').filter({ has: page.locator('[data-reason]') });

test(
  'the district administrator previews a year with withheld figures explained, publishes it with a progress bar ' +
    'and finds it in the history, in English and Spanish',
  async ({ page }) => {
    test.setTimeout(120_000);
    const admin = account('district_admin');
    await signInThroughApi(page, withPassword(admin));
    await page.goto('/app');

    let year = '';
    await test.step('the administrator opens Publish from the navigation', async () => {
      await openSection(page, 'Publish');
      await expect(pageHeading(page, 'Publish the public report')).toBeVisible();
      year = await page.getByLabel('School year to preview').inputValue();
      expect(year).toMatch(/^\d{4}-\d{2}$/);
      // The demo load published every year: the history has that release, made from the command line.
      await expect(page.getByRole('table', { name: /Every publication of the public report/ })).toContainText(
        'The server operator (command line)',
      );
      await expectAccessible(page);
    });

    await test.step('the preview shows the district’s report with withheld figures marked and explained', async () => {
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: `Preview of ${year}` })).toBeVisible({
        timeout: 60_000,
      });
      await expect(page).toHaveURL(/\/app\/publish\?preview=/);
      await expect(page.getByText('Not public yet')).toBeVisible();
      // A suppressed cell of the report carries its reason right beside "Suppressed".
      const cell = withheldCells(page).first();
      await expect(cell).toBeVisible();
      await expect(cell).toContainText('Suppressed');
      await expect(cell.locator('[data-reason]')).toHaveText(REASON_EN);
      // The district's small-count figures are withheld as small counts somewhere on the page.
      await expect(page.locator('.pub-preview [data-reason="count"]').first()).toHaveText('Small count');
      // Each reason used is explained once, with how many figures it hides.
      await expect(page.getByRole('heading', { name: 'Withheld figures and why' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'What changed since the last release' })).toBeVisible();
      await expectAccessible(page);
    });

    await test.step('each school’s report has its own preview', async () => {
      const scope = page.getByLabel('Report to preview');
      const school = await scope.locator('option').nth(1).textContent();
      await scope.selectOption({ index: 1 });
      await expect(page).toHaveURL(/[?&]school=/);
      await expect(page.getByText(`Preview: ${school}`)).toBeVisible();
      await expectAccessible(page);
    });

    await test.step('publishing shows a progress bar that reaches done, then the release in the history', async () => {
      await page.getByRole('button', { name: `Publish ${year}` }).click();
      const bar = page.getByRole('progressbar', { name: new RegExp(`Publishing ${year}`) });
      await expect(bar).toBeVisible();
      await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
      await expect(page.getByText(`Publishing ${year}: Done (100%)`)).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: `${year} is published` })).toBeVisible();
      const newest = page
        .getByRole('table', { name: /Every publication of the public report/ })
        .getByRole('row')
        .nth(1);
      await expect(newest).toContainText(admin.displayName);
      await expect(newest).toContainText('District administrator');
      await expect(newest).toContainText(year);
      await expectAccessible(page);
    });

    await test.step('the same page in Spanish', async () => {
      await page.getByRole('button', { name: 'Español' }).click();
      await expect(pageHeading(page, 'Publicar el informe público')).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: `Vista previa de ${year}` })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Cifras retenidas y por qué' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Qué cambió desde la última publicación' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Historial de publicaciones' })).toBeVisible();
      await expect(withheldCells(page).first()).toContainText('Suprimido');
      await expect(withheldCells(page).first().locator('[data-reason]')).toHaveText(REASON_ES);
      await expect(page.getByRole('status').filter({ hasText: `${year} está publicado` })).toBeVisible();
      await expect(page.getByRole('progressbar', { name: new RegExp(`Publicando ${year}`) })).toHaveAttribute(
        'aria-valuenow',
        '100',
      );
      await expect(page.getByText(`Publicando ${year}: Terminado (100%)`)).toBeVisible();
      await expectAccessible(page);
    });
  },
);
