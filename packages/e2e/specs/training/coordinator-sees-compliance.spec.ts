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
 * Issue 14 item 3: the demo district's training coordinator opens the compliance dashboard, keeps
 * the officers who are not compliant, and reads why, in English and in Spanish.
 */
test('the training coordinator sees who is not compliant and why, in English and Spanish', async ({ page }) => {
  await signInThroughApi(page, withPassword(account('training_coordinator')));

  await test.step('the dashboard, filtered to "Not compliant", says why in a sentence', async () => {
    await page.goto('/app/training/compliance');
    await expect(pageHeading(page, 'Training compliance')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Officers by status' })).toContainText('not compliant');
    await page.locator('#compliance-status').selectOption('not_compliant');
    await expect(page).toHaveURL(/status=not_compliant/);
    const table = page.getByRole('table');
    await expect(table.getByText(/^Needs \d+ more hours/).first()).toBeVisible();
    await expect(table.getByText('Compliant', { exact: true })).toHaveCount(0);
    await expectAccessible(page);
  });

  await test.step('in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(pageHeading(page, 'Cumplimiento de capacitación')).toBeVisible();
    await expect(
      page
        .getByRole('table')
        .getByText(/^Necesita \d+ horas más/)
        .first(),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
