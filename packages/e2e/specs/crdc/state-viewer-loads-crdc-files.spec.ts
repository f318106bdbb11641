import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
 * Issue 13: the state viewer loads the federal CRDC public-use school file of their state from the
 * browser, with a progress bar, and sees what is loaded; a file of another state is refused in the
 * reader's language. The sample is the server tests' New Hampshire file; the Virginia copy changes
 * only LEA_STATE. Its year (2013-14, from the name) is one the demo's public pages never compare
 * with, so loading it leaves the other stories' pages as they were.
 */
const SAMPLE = fileURLToPath(new URL('../../../server/test/fixtures/crdc/CRDC_2020-21_NH-sample.csv', import.meta.url));
const nh = readFileSync(SAMPLE, 'utf8');
const [header, ...rows] = nh.trimEnd().split('\n');
const va = [header, ...rows.map((r) => r.replace(/^NH,/, 'VA,'))].join('\n') + '\n';
const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a state viewer loads the CRDC file of their state with progress; another state’s file is refused, in English and Spanish', async ({
  page,
}) => {
  await signInThroughApi(page, withPassword(account('state_viewer')));
  await page.goto('/app');
  await openSection(page, 'CRDC files');
  await expect(pageHeading(page, 'CRDC files')).toBeVisible();
  await expectAccessible(page);

  // Another state's file: the job fails, nothing is loaded, and the page says why.
  await page.locator('#crdc-file').setInputFiles(file('CRDC_2013-14_NH.csv', nh));
  await page.getByRole('button', { name: 'Load the file' }).click();
  await expect(page.getByRole('heading', { name: 'The file was not loaded' })).toBeVisible();
  await expect(page.getByText('The file has schools of another state. Load only the file of VA.')).toBeVisible();
  await expect(page.getByRole('row', { name: /NH 2013-14/ })).toHaveCount(0);

  // Virginia's file: a progress bar to 100%, then the loaded table lists it.
  await page.locator('#crdc-file').setInputFiles(file('CRDC_2013-14_VA.csv', va));
  await page.getByRole('button', { name: 'Load the file' }).click();
  const bar = page.getByRole('progressbar', { name: 'Loading the CRDC file' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('heading', { name: 'CRDC file loaded' })).toBeVisible();
  await expect(page.getByText(`${rows.length} schools of VA loaded for 2013-14.`)).toBeVisible();
  const loaded = page.getByRole('table', { name: 'CRDC data loaded' });
  await expect(loaded.getByRole('row', { name: `VA 2013-14 ${rows.length}` })).toBeVisible();
  await expectAccessible(page);

  // Spanish: the page and a refusal read in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(pageHeading(page, 'Archivos CRDC')).toBeVisible();
  await page.locator('#crdc-file').setInputFiles(file('CRDC_2013-14_NH.csv', nh));
  await page.getByRole('button', { name: 'Cargar el archivo' }).click();
  await expect(page.getByText('El archivo tiene escuelas de otro estado. Cargue solo el archivo de VA.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Datos CRDC cargados' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a district administrator finds the CRDC files page of their state, with what is loaded', async ({ page }) => {
  await signInThroughApi(page, withPassword(account('district_admin')));
  await page.goto('/app');
  await openSection(page, 'CRDC files');
  await expect(pageHeading(page, 'CRDC files')).toBeVisible();
  await expect(page.getByText('Load the file of VA: rows of another state are refused.')).toBeVisible();
  await expect(page.getByLabel('CRDC school-level CSV file')).toBeVisible();
  // Without a file, the form says what is missing instead of starting a job.
  await page.getByRole('button', { name: 'Load the file' }).click();
  await expect(page.getByText('Choose the CRDC file to load.')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(page);
});
