import {
  account,
  expect,
  expectAccessible,
  pageHeading,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * Issue 14 item 4: the demo SRO (Officer Priya Nair) logs two hours of mentoring at her school; the
 * entry is in her list and her summary counts it toward informal counseling; thirty hours in one
 * entry are refused with a message in her language.
 */
test('an officer logs two hours of mentoring, sees them in the list and the summary, and is told 30 hours is too many', async ({
  page,
}) => {
  await signInThroughApi(page, withPassword(account('sro')));
  await page.goto('/app/activities');
  await expect(pageHeading(page, "Officers' time")).toBeVisible();
  const counseling = page
    .getByRole('table', { name: 'Time by the three functions of an SRO' })
    .getByRole('row', { name: /Informal counseling/ });
  await expect(counseling).toBeVisible();
  const before = Number((await counseling.getByRole('cell').first().textContent())!.replace(/[^\d.]/g, ''));

  const form = page.locator('form').filter({ has: page.getByLabel('Hours') });
  await form.getByLabel('Activity').selectOption('mentoring');
  await form.getByLabel('School', { exact: true }).selectOption({ index: 1 });
  await form.getByLabel('Hours').fill('2');
  await form.getByLabel(/Note/).fill('Lunch mentoring group');
  await form.getByRole('button', { name: 'Log time' }).click();
  await expect(page.getByText('Logged 2 hours.')).toBeVisible();

  const list = page.getByRole('table', { name: /^Entries 1 to/ });
  await expect(list.getByRole('row', { name: /Mentoring.*Lunch mentoring group/ })).toBeVisible();
  await expect
    .poll(async () => Number((await counseling.getByRole('cell').first().textContent())!.replace(/[^\d.]/g, '')))
    .toBeCloseTo(before + 2, 5);

  await form.getByLabel('Activity').selectOption('patrol');
  await form.getByLabel('Hours').fill('30');
  await form.getByRole('button', { name: 'Log time' }).click();
  await expect(page.getByRole('heading', { name: 'The time was not logged' })).toBeVisible();
  await expect(form.getByLabel('Hours')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});
