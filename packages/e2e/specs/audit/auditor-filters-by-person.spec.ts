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
 * Issue 13: the auditor reads the log as sentences with people's names, narrows it to one person
 * and one kind of event chosen from lists, opens the raw record, and verifies the chain, in
 * English and in Spanish.
 */
test('the auditor filters the audit log by a person and reads what they did', async ({ browser }) => {
  const admin = account('district_admin');
  let incident: { id: string; number: string };

  await test.step('the district administrator opens an incident (which the log records)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughApi(page, withPassword(admin));
    const list = await page.request.get(`/api/districts/${demo().districtId}/incidents?limit=1`);
    expect(list.status()).toBe(200);
    incident = ((await list.json()) as { items: { id: string; number: string }[] }).items[0]!;
    expect((await page.request.get(`/api/incidents/${incident.id}`)).status()).toBe(200);
    await context.close();
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInThroughApi(page, withPassword(account('auditor')));
  await page.goto('/app/audit');
  await expect(pageHeading(page, 'Audit log')).toBeVisible();
  const entries = (name: RegExp) => page.getByRole('table', { name });

  await test.step('the auditor chooses the administrator and "Incident viewed" from the lists', async () => {
    const filters = page.getByRole('form', { name: 'Audit log filters' });
    await filters.getByLabel('Person').selectOption({ label: `${admin.displayName} (District administrator)` });
    await filters.getByLabel('Event').selectOption({ label: 'Incident viewed' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]actorId=[^&]+/);
    await expect(page).toHaveURL(/[?&]kind=incident\.viewed(&|$)/);
    const table = entries(/^Audit entries 1 to \d+ of \d+$/);
    const sentence = `${admin.displayName} viewed incident ${incident.number}.`;
    await expect(table.getByRole('rowheader').first()).toContainText(sentence);
    // Only that person, only that kind, named in words (no account id on screen).
    await expect(
      table.getByRole('rowheader').filter({ hasNotText: `${admin.displayName} viewed incident` }),
    ).toHaveCount(0);
    const row = table.getByRole('row').filter({ hasText: sentence }).first();
    await expect(row).toContainText('District administrator');
    await expect(filters.getByLabel('Person')).toHaveValue(/.+/);
    await expectAccessible(page);
  });

  await test.step('the raw record is one click away', async () => {
    const row = entries(/^Audit entries/)
      .getByRole('row')
      .filter({ hasText: incident.number })
      .first();
    const record = row.locator('pre');
    await expect(record).toBeHidden();
    await row.getByText('Raw record').click();
    await expect(record).toBeVisible();
    await expect(record).toContainText('"kind": "incident.viewed"');
    await expect(record).toContainText(`"incidentId": "${incident.id}"`);
    await expectAccessible(page);
  });

  await test.step('the auditor verifies the chain from the page and reads the result', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The audit chain is intact' });
    await expect(result).toBeVisible();
    await expect(result).toContainText(/\d+ entries checked; none was changed or removed\./);
  });

  await test.step('in Spanish, the same entries read as Spanish sentences', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(pageHeading(page, 'Registro de auditoría')).toBeVisible();
    const table = entries(/^Entradas de auditoría 1 a \d+ de \d+$/);
    await expect(table.getByRole('rowheader').first()).toContainText(
      `${admin.displayName} consultó el incidente ${incident.number}.`,
    );
    await expect(table.getByRole('row').nth(1)).toContainText('Administrador del distrito');
    const filters = page.getByRole('form', { name: 'Filtros del registro de auditoría' });
    await expect(filters.getByLabel('Persona')).toHaveValue(/.+/);
    await expect(filters.getByLabel('Evento')).toHaveValue('incident.viewed');
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'La cadena de auditoría está intacta' })).toBeVisible();
    await expectAccessible(page);
  });

  await context.close();
});
