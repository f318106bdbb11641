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

const PROVIDER = `Alicia Romero, school counselor ${Date.now().toString(36)}`;

/** The district administrator lists the counselor in the directory, linked to her account (her caseload). */
test('an administrator adds the counselor to the provider directory', async ({ page }) => {
  await signInThroughApi(page, withPassword(account('district_admin')));
  await page.goto('/app/referrals/providers');
  await expect(pageHeading(page, 'Provider directory')).toBeVisible();
  const form = page.locator('form').filter({ has: page.getByLabel('Forefront account') });
  await form.getByLabel('Name', { exact: true }).fill(PROVIDER);
  await form.getByLabel('Service').selectOption('counselor');
  await form.getByLabel('Forefront account').selectOption({ label: account('support_staff').displayName });
  await form.getByText('Also serves families in Spanish').click();
  await form.getByRole('button', { name: 'Add the provider' }).click();
  await expect(page.getByText('The provider was saved.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`${PROVIDER}.*English, Spanish`) })).toBeVisible();
  await expectAccessible(page);
});

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
  await page.getByLabel(/^Provider/).selectOption({ label: `${PROVIDER} (Counselor)` });
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

  // The caseload of the directory entry the referral named lists it. (The demo already links her
  // account to an entry of its own, which the page opens first.)
  await page.goto('/app/referrals/caseload');
  await expect(pageHeading(page, 'Caseloads')).toBeVisible();
  const entry = await page.locator('#caseload-provider option', { hasText: PROVIDER }).getAttribute('value');
  await page.getByLabel('Provider').selectOption(entry);
  await expect(page.getByRole('row', { name: new RegExp(`${student.name}.*Completed`) })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/app/referrals');
  await page.getByLabel('Show').selectOption('completed');
  await expect(page.getByRole('row', { name: new RegExp(`${student.name}.*Completed`) }).first()).toBeVisible();
});
