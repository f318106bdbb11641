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
 * Issue 15 item 3: the demo counselor (Alicia Romero) refers a student of her school to a
 * counselor, then records the referral's steps until it is completed; the timeline shows each
 * step, and the list shows the referral with its status.
 */
test('a counselor makes a referral and follows it to completed', async ({ page }) => {
  await signInThroughApi(page, withPassword(account('support_staff')));
  // A student the counselor may refer, as the form's search would find them.
  const found = await page.request.get(`/api/districts/${demo().districtId}/referral-students`);
  expect(found.status(), await found.text()).toBe(200);
  const student = ((await found.json()) as { items: { name: string; localId: string }[] }).items[0]!;

  await page.goto('/app/referrals');
  await expect(pageHeading(page, 'Referrals to support services')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Make a referral' }).click();
  await expect(pageHeading(page, 'Make a referral')).toBeVisible();
  await page.getByLabel('Find the student').fill(student.localId);
  await page.getByRole('button', { name: `Choose ${student.name} (${student.localId})` }).click();
  await page.getByLabel('Service').selectOption('counselor');
  await page.getByLabel('Why the student is referred').fill('Struggling since a move; asked to talk to someone.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Make the referral' }).click();

  await expect(pageHeading(page, `Referral of ${student.name}`)).toBeVisible();
  const timeline = page.locator('.usa-process-list');
  await expect(timeline.getByText('Made', { exact: true })).toBeVisible();
  await page.getByLabel('New status').selectOption('accepted');
  await page.getByRole('button', { name: 'Record this step' }).click();
  await expect(page.getByText('The referral is now: Accepted.')).toBeVisible();
  await page.getByLabel('New status').selectOption('first_contact');
  await page.getByRole('button', { name: 'Record this step' }).click();
  await expect(page.getByText('The referral is now: First contact.')).toBeVisible();
  await page.getByLabel('New status').selectOption('completed');
  await page.getByRole('button', { name: 'Record this step' }).click();
  await expect(page.getByText('The referral is now: Completed.')).toBeVisible();
  for (const step of ['Made', 'Accepted', 'First contact', 'Completed'])
    await expect(timeline.getByText(step, { exact: true })).toBeVisible();
  // A completed referral is final: no next step to record.
  await expect(page.getByRole('heading', { name: 'Record the next step' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Back to referrals' }).click();
  await page.getByLabel('Show').selectOption('completed');
  await expect(page.getByRole('row', { name: new RegExp(`${student.name}.*Completed`) }).first()).toBeVisible();
});
