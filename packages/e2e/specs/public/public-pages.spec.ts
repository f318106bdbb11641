import { demo, expect, expectAccessible, pageHeading, primaryNav, test } from '../../fixtures/forefront';

test('a visitor reads the landing page and the demo district’s page in English and in Spanish', async ({
  page,
  request,
}) => {
  const district = (await (await request.get(`/api/public/districts/${demo().districtId}`)).json()) as { name: string };
  const html = page.locator('html');

  await test.step('the landing page, in English', async () => {
    await page.goto('/');
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(
      pageHeading(page, 'School Resource Officer programs, run by the evidence and in the open'),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Districts using Forefront' })).toBeVisible();
    await expect(page.getByRole('link', { name: district.name })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the district’s public page, in English', async () => {
    await page.getByRole('link', { name: district.name }).click();
    await expect(pageHeading(page, district.name)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'About the district' })).toBeVisible();
    await expect(page.getByRole('table', { name: `Schools in ${district.name}` })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('switched to Spanish, the district’s page is in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(html).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 2, name: 'Sobre el distrito' })).toBeVisible();
    await expect(page.getByRole('table', { name: `Escuelas de ${district.name}` })).toBeVisible();
    await expect(primaryNav(page, 'Navegación principal').getByRole('link', { name: 'Inicio' })).toBeVisible();
    // The switcher now offers English, marked as English for screen readers.
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
  });

  await test.step('the landing page, in Spanish, and the choice is remembered', async () => {
    await primaryNav(page, 'Navegación principal').getByRole('link', { name: 'Inicio' }).click();
    await expect(
      pageHeading(page, 'Programas de agentes de recursos escolares, guiados por la evidencia y a la vista de todos'),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Distritos que usan Forefront' })).toBeVisible();
    await expect(page.getByRole('link', { name: district.name })).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(html).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 2, name: 'Distritos que usan Forefront' })).toBeVisible();
  });

  await test.step('switched back to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(
      pageHeading(page, 'School Resource Officer programs, run by the evidence and in the open'),
    ).toBeVisible();
  });
});
