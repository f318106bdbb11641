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
 * Issue 14 item 2: the district picks the Arkansas (2025) preset, saves it, and reads its four rules
 * in plain words, in English and in Spanish. (The district administrator stands in for the training
 * coordinator: both may set the standard.) Then the course catalog the demo district starts with.
 */
test('a district administrator sets the Arkansas standard and reads it in plain words, in English and Spanish', async ({
  page,
}) => {
  const current = page.getByTestId('current-standard');

  await test.step('the administrator picks the Arkansas preset and saves it', async () => {
    await signInThroughApi(page, withPassword(account('district_admin')));
    await page.goto('/app/training/standard');
    await expect(pageHeading(page, 'Training standard')).toBeVisible();
    const presets = page.getByRole('group', { name: 'Preset' });
    // The tile's input is drawn by its label, which a person clicks.
    await presets.locator('label', { hasText: 'Arkansas (2025)' }).click();
    await expect(presets.getByRole('radio', { name: /^Arkansas \(2025\)/ })).toBeChecked();
    await page.getByRole('button', { name: 'Use this preset' }).click();
    await expect(page.getByRole('group', { name: /^Rule \d$/ })).toHaveCount(4);
    await page.getByRole('button', { name: 'Save standard' }).click();
    await expect(page.getByText('The standard is saved.')).toBeVisible();
  });

  await test.step('the standard now says its four rules in plain words', async () => {
    // Written out by hand from Arkansas's 2025 requirements, not copied from the app.
    for (const sentence of [
      'Hold a current Basic SRO course (40 hours) certificate, earned before being assigned to a school.',
      'Hold a current Youth Mental Health First Aid certificate, earned within 18 months of being assigned to a school, and again every 4 years.',
      'Hold a current SRO refresher (16 hours) certificate, earned within 5 years of being assigned to a school, and again every 5 years.',
      'Complete at least 12 hours of continuing education in every school year while assigned to a school.',
    ])
      await expect(current.getByText(sentence, { exact: true })).toBeVisible();
    await expect(page.getByText('Starting point: Arkansas (2025)')).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('in Spanish, the same rules in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(pageHeading(page, 'Estándar de capacitación')).toBeVisible();
    for (const sentence of [
      'Tener vigente el certificado de Curso básico de SRO (40 horas), obtenido antes de ser asignado a una escuela.',
      'Tener vigente el certificado de Primeros Auxilios de Salud Mental para Jóvenes, obtenido dentro de 18 meses ' +
        'de ser asignado a una escuela, y de nuevo cada 4 años.',
      'Tener vigente el certificado de Curso de actualización de SRO (16 horas), obtenido dentro de 5 años ' +
        'de ser asignado a una escuela, y de nuevo cada 5 años.',
      'Completar al menos 12 horas de educación continua en cada año escolar mientras esté asignado a una escuela.',
    ])
      await expect(current.getByText(sentence, { exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Punto de partida' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the catalog lists the demo courses with their hours and credentials', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/app/training/courses');
    await expect(pageHeading(page, 'Courses and credentials')).toBeVisible();
    const nasro = page.getByRole('row', { name: /^NASRO Basic SRO Course/ });
    await expect(nasro.getByRole('cell').nth(1)).toHaveText('40');
    await expect(nasro.getByRole('cell').nth(3)).toHaveText('NASRO Basic SRO Course (40 hours)');
    await expectAccessible(page);
  });
});
