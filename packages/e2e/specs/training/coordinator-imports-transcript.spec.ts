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
 * Issue 14: the training coordinator loads an agency's transcript. A file with a row for an officer
 * who is not on the roster is checked first: the report names that row and nothing is saved. A good
 * file is then checked and imported with its progress bar, and its records show on the officer's
 * training page.
 */
const HEADER = 'badge_number,agency,course_title,provider,hours,topics,credential,completed_on,expires_on';
const POLICE = 'Riverside Police Department';

const csvFile = (name: string, rows: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${HEADER}\n${rows.join('\n')}\n`),
});

test('the training coordinator checks a transcript with an unknown officer, then imports a good one', async ({
  page,
}) => {
  await signInThroughApi(page, withPassword(account('training_coordinator')));
  const tag = Date.now().toString(36);
  const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const title = `Threat assessment ${tag}`;

  await page.goto('/app/training/import');
  await expect(pageHeading(page, 'Import training transcripts')).toBeVisible();
  await expectAccessible(page);

  const bad = csvFile('bad.csv', [
    `4127,${POLICE},${title},State academy,4,crisis_intervention,,${day},`,
    `9999,${POLICE},${title},State academy,4,,,${day},`,
  ]);
  await page.locator('#transcript-file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('heading', { name: 'The file has problems' })).toBeVisible();
  const errors = page.getByRole('table', { name: /Problems by row/ });
  await expect(
    errors.getByRole('row', { name: `3 No officer of ${POLICE} with badge 9999 is on the district's roster.` }),
  ).toBeVisible();
  await expectAccessible(page);

  const good = csvFile('good.csv', [
    `4127,${POLICE},${title},State academy,4,crisis_intervention;de-escalation,,${day},`,
    `3890,${POLICE},${title},State academy,4,crisis_intervention,,${day},`,
  ]);
  await page.locator('#transcript-file').setInputFiles(good);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('heading', { name: 'The file is ready to import' })).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 records' }).click();
  await expect(page.getByRole('heading', { name: 'Transcript imported' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: /Importing the transcript/ })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expectAccessible(page);

  // Nair's own pending submission (the demo's) names her roster entry: open her training page.
  const queue = await page.request.get(`/api/districts/${demo().districtId}/training-records?status=pending`);
  expect(queue.status(), await queue.text()).toBe(200);
  const nair = ((await queue.json()) as { items: { officer: { id: string; name: string } }[] }).items.find(
    (r) => r.officer.name === 'Officer Priya Nair',
  )!.officer;
  await page.goto(`/app/officers/${nair.id}/training`);
  await expect(pageHeading(page, 'Training records: Officer Priya Nair')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('from the agency');
  await expect(row).toContainText('Approved');
  await expectAccessible(page);
});
