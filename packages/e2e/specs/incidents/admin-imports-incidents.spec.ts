import type { Page } from '@playwright/test';
import {
  account,
  demo,
  expect,
  expectAccessible,
  pageHeading,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * Issue 13: a district administrator imports incidents from the browser. A file with bad rows is
 * checked first (a dry run: nothing saved) and the report says, row by row, what is wrong, with
 * every valid behavior code and its label and a link to the column's documentation. A good file is
 * then checked and imported, with a progress bar that reaches 100%, and its incidents are listed.
 * The same report reads in Spanish.
 */

const HEADER = 'incident_ref,school_nces_id,occurred_at,location,behaviors,description';

async function firstSchoolNcesId(page: Page): Promise<string> {
  const res = await page.request.get(`/api/districts/${demo().districtId}/schools`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { items?: { ncesSchoolId: string }[] } | { ncesSchoolId: string }[];
  const schools = Array.isArray(body) ? body : (body.items ?? []);
  expect(schools.length).toBeGreaterThan(0);
  return schools[0]!.ncesSchoolId;
}

const csvFile = (name: string, rows: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${HEADER}\n${rows.join('\n')}\n`),
});

async function checkFile(page: Page, file: ReturnType<typeof csvFile>, buttonName: string) {
  await page.locator('#import-file').setInputFiles(file);
  await page.getByRole('button', { name: buttonName }).click();
}

test('an administrator checks a file with bad rows, reads the per-row report with the valid values, then imports a good file with progress', async ({
  page,
}) => {
  await signInThroughApi(page, withPassword(account('district_admin')));
  const nces = await firstSchoolNcesId(page);
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const tag = Date.now().toString(36);

  await page.goto('/app/incidents/import');
  await expect(pageHeading(page, 'Import incidents')).toBeVisible();
  await expectAccessible(page);

  // A file with a wrong behavior code and a wrong location: the dry run lists both and saves nothing.
  const bad = csvFile('bad.csv', [
    `B1-${tag},${nces},${hourAgo},classroom,defiance,fine row`,
    `B2-${tag},${nces},${hourAgo},classroom,shouting,wrong behavior`,
    `B3-${tag},${nces},${hourAgo},moon,defiance,wrong location`,
  ]);
  await checkFile(page, bad, 'Check the file');
  await expect(page.getByRole('heading', { name: 'The file has problems' })).toBeVisible();
  await expect(page.getByText('Problems found: 2. Nothing was saved.')).toBeVisible();
  const errors = page.getByRole('table', { name: /Problems by row/ });
  await expect(
    errors.getByRole('row', { name: /3 behaviors .*"shouting" is not a valid value of behaviors/ }),
  ).toBeVisible();
  await expect(errors.getByRole('row', { name: /4 location .*"moon" is not a valid value of location/ })).toBeVisible();
  // Every behavior code with its label, as the incident form names it.
  const behaviors = page.getByRole('region', { name: 'Valid values of behaviors' });
  await expect(
    behaviors.getByRole('listitem').filter({ hasText: 'classroom_disruption — Disrupting class' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Valid values of location' })
      .getByRole('listitem')
      .filter({ hasText: 'hallway — Hallway' }),
  ).toBeVisible();
  await expectAccessible(page);
  // The dry run saved nothing: the incident list has no row of this file.
  const list = await page.request.get(`/api/districts/${demo().districtId}/incidents?limit=200`);
  expect(await list.text()).not.toContain('fine row');

  // The column's documentation, in the app.
  await errors.getByRole('link', { name: 'behaviors', exact: true }).click();
  await expect(pageHeading(page, 'Incident CSV columns')).toBeVisible();
  await expect(page.locator('#column-behaviors')).toContainText('one or more behavior codes separated by semicolons');
  await expectAccessible(page);

  // Spanish: the same report in Spanish, from the server's codes (no server English on the page).
  await page.goto('/app/incidents/import');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(pageHeading(page, 'Importar incidentes')).toBeVisible();
  await checkFile(page, bad, 'Revisar el archivo');
  await expect(page.getByRole('heading', { name: 'El archivo tiene problemas' })).toBeVisible();
  await expect(page.getByText('«shouting» no es un valor válido de behaviors.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Valores válidos de behaviors' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Unknown behavior');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // A good file: checked, then imported with a progress bar that reaches 100%, then listed.
  const good = csvFile('good.csv', [
    `G1-${tag},${nces},${hourAgo},hallway,defiance,imported one ${tag}`,
    `G2-${tag},${nces},${hourAgo},cafeteria,classroom_disruption,imported two ${tag}`,
  ]);
  await checkFile(page, good, 'Check the file');
  await expect(page.getByRole('heading', { name: 'The file is ready to import' })).toBeVisible();
  await page.getByRole('button', { name: 'Import the incidents (2)' }).click();
  const bar = page.getByRole('progressbar', { name: 'Importing incidents' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('heading', { name: 'Incidents imported' })).toBeVisible();
  const done = await page.getByText(/Incidents imported: 2, numbered/).textContent();
  const [first, last] = done!.match(/INC-\d{4}-\d+/g)!;
  await expectAccessible(page);

  await page.getByRole('link', { name: 'See the incidents' }).click();
  await expect(page).toHaveURL(/\/app\/incidents$/);
  await expect(page.getByRole('link', { name: first })).toBeVisible();
  await expect(page.getByRole('link', { name: last! })).toBeVisible();
});
