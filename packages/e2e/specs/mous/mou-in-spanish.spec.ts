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

interface MouSummary {
  id: string;
  title: string;
  inForceVersion: number | null;
}

/**
 * Issue 13: the MOU page, its PDF and the public page read in Spanish. The demo's agreement was
 * written and signed in English: a Spanish reader sees the clause library's translation of the
 * clauses the parties kept as the library wrote them, marked as a translation, the signed English
 * text one click away, and the page says English is the signed (authoritative) language.
 */
test('a district administrator reads the MOU in Spanish, told which language was signed, and starts one in Spanish', async ({
  page,
}) => {
  const admin = withPassword(account('district_admin'));
  const html = page.locator('html');

  const inForce = await test.step('the administrator signs in; the demo has a signed MOU in force', async () => {
    await signInThroughApi(page, admin);
    const list = (await (await page.request.get(`/api/districts/${demo().districtId}/mous`)).json()) as {
      items: MouSummary[];
    };
    const mou = list.items.find((m) => m.inForceVersion !== null);
    expect(mou, 'a signed MOU in the demo').toBeDefined();
    return mou!;
  });

  await test.step('in Spanish, the MOU page shows the clauses in Spanish and says English was signed', async () => {
    await page.goto(`/app/mous/${inForce.id}`);
    await expect(pageHeading(page, inForce.title)).toBeVisible();
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(html).toHaveAttribute('lang', 'es');
    await expect(page.getByTestId('mou-signed-language')).toHaveText(
      'Idioma del texto que firman las partes: inglés. Ese texto es la versión auténtica.',
    );
    await expect(page.getByText('Esta página está en español.', { exact: false })).toBeVisible();
    const purpose = page.locator('section[data-clause="purpose"]');
    await expect(purpose.getByRole('heading', { level: 3 })).toContainText('Propósito');
    await expect(purpose.getByRole('heading', { level: 3 })).toContainText('Traducción');
    await expect(purpose.locator('p[lang="es"]')).toContainText('Este acuerdo entre');
    // The signed English text is one click away, marked as English.
    await purpose.getByText('Ver el texto firmado (inglés)').click();
    await expect(purpose.locator('p[lang="en"]')).toContainText('This agreement between');
    // The role rules name behaviors with the same words as the incident form.
    await expect(page.getByText('Interrumpir la clase').first()).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the PDF link asks for the PDF in Spanish, and the PDF is in Spanish', async () => {
    const link = page.getByRole('link', { name: /Descargar PDF/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/pdf\?lang=es$/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-language']).toBe('es');
    expect(res.headers()['content-disposition']).toMatch(/-es\.pdf"/);
  });

  const spanish =
    await test.step('the new-agreement form offers the language, Spanish for a Spanish reader', async () => {
      await page.goto('/app/mous');
      const language = page.getByLabel('Idioma del acuerdo');
      await expect(language).toHaveValue('es');
      await expectAccessible(page);
      // Created through the API with the language the form sends, to keep this story short.
      const me = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
      const res = await page.request.post(`/api/districts/${demo().districtId}/mous`, {
        data: {
          title: 'Acuerdo de colaboración con la policía',
          agencyName: 'Departamento de Policía de Riverside',
          template: 'cops_minimum',
          effectiveDate: '2027-08-01',
          language: 'es',
        },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string };
    });

  await test.step('a Spanish agreement reads as written in Spanish, and in English as a marked translation', async () => {
    await page.goto(`/app/mous/${spanish.id}`);
    await expect(page.getByTestId('mou-signed-language')).toContainText('español');
    const purpose = page.locator('section[data-clause="purpose"]');
    await expect(purpose.getByRole('heading', { level: 3 })).toHaveText('1. Propósito');
    await expect(purpose.locator('p[lang="es"]')).toContainText('Este acuerdo entre');
    await expectAccessible(page);
    // Its editor says the next version is written, and signed, in Spanish too.
    await page.goto(`/app/mous/${spanish.id}/edit`);
    await expect(page.getByTestId('mou-signed-language')).toHaveText(
      'Redacte las cláusulas en español: la nueva versión se firma en español, como la anterior.',
    );
    await expect(page.locator('#clause-text-purpose')).toHaveAttribute('lang', 'es');
    await page.goto(`/app/mous/${spanish.id}`);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('mou-signed-language')).toHaveText(
      'Language of the text the parties sign: Spanish. That text is the authoritative version.',
    );
    await expect(purpose.getByRole('heading', { level: 3 })).toContainText('Purpose');
    await expect(purpose.getByRole('heading', { level: 3 })).toContainText('Translation');
    await expect(purpose.locator('p[lang="en"]')).toContainText('This agreement between');
    await expectAccessible(page);
  });

  await test.step('the public page, in Spanish, says which language the agreement in force was signed in', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await page.goto(`/districts/${demo().districtId}`);
    await expect(html).toHaveAttribute('lang', 'es');
    const signed = page.getByTestId('mou-signed-language');
    await expect(signed).toHaveText(
      'Idioma del texto que firman las partes: inglés. Ese texto es la versión auténtica.',
    );
    await page.locator('details[data-clause="purpose"] > summary').click();
    await expect(page.locator('details[data-clause="purpose"] p[lang="es"]').first()).toContainText(
      'Este acuerdo entre',
    );
    await expectAccessible(page);
  });
});
