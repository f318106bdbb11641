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

test('the auditor browses the audit log, filters it by event and verifies the chain', async ({ page }) => {
  await signInThroughApi(page, withPassword(account('auditor')));
  await page.goto('/app');

  await test.step('the auditor opens the audit log', async () => {
    await openSection(page, 'Audit log');
    await expect(pageHeading(page, 'Audit log')).toBeVisible();
    const entries = page.getByRole('table', { name: /^Audit entries 1 to \d+ of \d+$/ });
    await expect(entries).toBeVisible();
    // Newest first, and looking at the log is itself on the record: the first entry is this view,
    // by the auditor, named and said in words, with the kind of event beneath.
    const auditor = account('auditor');
    const newest = entries.getByRole('row').nth(1);
    await expect(newest.getByRole('rowheader')).toHaveText(
      `${auditor.displayName} read the audit log (no filters).Audit log viewed`,
    );
    await expect(newest).toContainText('Auditor');
    await expectAccessible(page);
  });

  await test.step('the auditor shows only sign-ins', async () => {
    const filters = page.getByRole('form', { name: 'Audit log filters' });
    await filters.getByLabel('Event').selectOption({ label: 'Signed in' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]kind=auth\.signed_in(&|$)/);
    const rows = page.getByRole('table', { name: /^Audit entries 1 to \d+ of \d+$/ }).getByRole('rowheader');
    // The previous page stays on screen until the filtered one arrives, then no other event is left.
    await expect(rows.filter({ hasNotText: / signed in\.Signed in$/ })).toHaveCount(0);
    await expect(rows.first()).toHaveText(/ signed in\.Signed in$/);
    // The filter lives in the address, and the form shown for it still says what was chosen.
    await expect(filters.getByLabel('Event')).toHaveValue('auth.signed_in');
    await expectAccessible(page);
  });

  await test.step('the auditor verifies the hash chain and sees it intact', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The audit chain is intact' });
    await expect(result).toBeVisible();
    await expect(result).toContainText(/\d+ entries checked; none was changed or removed\./);
    await expectAccessible(page);
  });
});
