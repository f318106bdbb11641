import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from '@playwright/test';
import {
  account,
  demo,
  expect,
  expectAccessible,
  linkIn,
  mailsTo,
  signInThroughApi,
  test,
  uniqueEmail,
  withPassword,
} from '../../fixtures/forefront';

/**
 * Issue 13, "every word in the reader's language": a reader who chose Spanish submits bad input to
 * each staff and public form and reads only Spanish about what is wrong, both from the form's own
 * check and from the server's answer (the request is rewritten on its way out, so the server sees
 * input the form would have stopped). Neither zod's English ("Too small: expected string...") nor
 * the server's English messages reach the page.
 */

const spanish = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../web/src/i18n/es.json', import.meta.url)), 'utf8'),
) as Record<string, unknown>;
/** A Spanish message of the web app, by its key. */
const es = (key: string) =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], spanish) as string;

/** Words of zod's and the server's English messages. None is a Spanish word. */
const ENGLISH =
  /\b(expected|invalid|too small|too big|required|must|should|received|characters|string|number|not valid|something went wrong|choose|enter|at least|at most|the|is|this|already|exists|not found|try again)\b/i;

/** What the page says about a failure: the error summary and each field's message. */
async function errorText(page: Page): Promise<string> {
  const parts = await page.locator('.usa-alert--error, .usa-error-message').allInnerTexts();
  return parts.join('\n');
}

/**
 * The page shows these Spanish messages, and nothing it says about the failure is English. axe
 * checks the page with its errors showing.
 */
async function expectOnlySpanish(page: Page, spanish: (string | RegExp)[]) {
  for (const s of spanish) await expect(page.getByText(s).first()).toBeVisible();
  const text = await errorText(page);
  expect(text.length, 'the page shows an error').toBeGreaterThan(0);
  expect(text, 'error text with an English word').not.toMatch(ENGLISH);
  await expectAccessible(page);
}

/**
 * Rewrites the next JSON request to `url` (and method) before it leaves the browser: the form's
 * own check passed, the server gets input it must refuse.
 */
async function breakNextRequest(
  page: Page,
  url: string | RegExp,
  method: string,
  rewrite: (body: Record<string, unknown>) => Record<string, unknown>,
) {
  let done = false;
  await page.route(url, async (route, request: Request) => {
    if (done || request.method() !== method) return route.fallback();
    done = true;
    const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify(rewrite(body)) });
  });
}

test.use({ locale: 'es-ES' });

test('the sign-in form says what is wrong in Spanish only', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
  const submit = page.locator('form button[type="submit"]');

  await test.step("the form's own check: nothing filled in", async () => {
    await submit.click();
    await expectOnlySpanish(page, ['Escriba un correo electrónico como nombre@ejemplo.org.']);
  });

  await test.step("the server's check: an address that is not one", async () => {
    await page.locator('#email').fill('nadie@ejemplo.org');
    await page.locator('#password').fill('una contraseña cualquiera');
    await breakNextRequest(page, '**/api/auth/sign-in', 'POST', (b) => ({ ...b, email: 'no-es-un-correo' }));
    await submit.click();
    await expectOnlySpanish(page, ['Escriba un correo electrónico como nombre@ejemplo.org.']);
  });

  await test.step('a refusal: no such account', async () => {
    await submit.click();
    await expectOnlySpanish(page, ['El correo electrónico o la contraseña no son correctos.']);
  });
});

test('the verification code step says a wrong code is wrong, in Spanish', async ({ page }) => {
  const admin = withPassword(account('district_admin'));
  await page.goto('/sign-in');
  await page.locator('#email').fill(admin.email);
  await page.locator('#password').fill(admin.password);
  await page.locator('form button[type="submit"]').click();
  const code = page.locator('form input[autocomplete="one-time-code"]');
  await expect(code).toBeVisible();
  await page.locator('form button[type="submit"]').click();
  await expectOnlySpanish(page, [es('validation.mfaCode')]);
  // A code in the right form that the server does not accept (one in a million is right: then sign-in passes).
  await code.fill('000000');
  await page.locator('form button[type="submit"]').click();
  await expectOnlySpanish(page, [/Ese código no es correcto/]);
});

test.describe('staff forms, as the district administrator', () => {
  test.beforeEach(async ({ page }) => {
    await signInThroughApi(page, withPassword(account('district_admin')));
  });

  test('district settings', async ({ page }) => {
    await page.goto('/app/settings/district');
    const submit = page.locator('form button[type="submit"]');
    await page.locator('#suppressionMinN').fill('31');
    await page.locator('#name').fill('');
    await submit.click();
    await expectOnlySpanish(page, ['Escriba 30 o menos.', 'Use al menos 2 caracteres.']);

    await page.locator('#suppressionMinN').fill('10');
    await page.locator('#name').fill('Distrito de prueba');
    await breakNextRequest(page, /\/api\/districts\/[^/?]+$/, 'PATCH', (b) => ({
      ...b,
      suppressionMinN: 4,
      timeZone: 'Marte/Olimpo',
      schoolYearStart: '02-30',
    }));
    await submit.click();
    // The clock fields say their own sentence (clock.*); the threshold says its bound.
    await expectOnlySpanish(page, ['Escriba 5 o más.']);
    await expect(page.locator('[aria-invalid="true"]')).not.toHaveCount(0);
  });

  test('school edit', async ({ page }) => {
    const schools = (await (await page.request.get(`/api/public/districts/${demo().districtId}`)).json()) as {
      schools: { id: string }[];
    };
    await page.goto(`/app/schools/${schools.schools[0]!.id}`);
    const form = page.locator('form', { has: page.locator('[id$="-enrollment"]') });
    await form.locator('[id$="-name"]').fill('A');
    await form.locator('[id$="-enrollment"]').fill('-3');
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, ['Use al menos 2 caracteres.', 'Escriba 0 o más.']);

    await form.locator('[id$="-name"]').fill('Escuela Secundaria Central');
    await form.locator('[id$="-enrollment"]').fill('900');
    await breakNextRequest(page, /\/api\/schools\/[^/?]+$/, 'PATCH', (b) => ({ ...b, enrollment: 'muchos' }));
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, ['Escriba un número entero.']);

    // A rule across two fields, checked once each field is right.
    await breakNextRequest(page, /\/api\/schools\/[^/?]+$/, 'PATCH', (b) => ({
      ...b,
      gradeLow: '12',
      gradeHigh: '09',
    }));
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, ['El grado más bajo no puede ser superior al más alto.']);
  });

  test("a person's page: change someone's role", async ({ page }) => {
    const people = (await (
      await page.request.get(`/api/districts/${demo().districtId}/users`, { params: { limit: 100 } })
    ).json()) as { items: { id: string; email: string }[] };
    const sro = people.items.find((p) => p.email === account('sro').email)!;
    await page.goto(`/app/people/${sro.id}`);
    const name = page.locator('#person-displayName');
    await expect(name).toBeVisible();
    const original = await name.inputValue();
    await name.fill('');
    await page.locator('form button[type="submit"]').first().click();
    await expectOnlySpanish(page, ['Complete este campo.']);

    // A change, so the form sends something; on its way out it becomes a school role without schools.
    await name.fill(`${original} Prueba`);
    await breakNextRequest(page, `**/api/users/${sro.id}`, 'PATCH', () => ({ role: 'school_admin', schoolIds: [] }));
    await page.locator('form button[type="submit"]').first().click();
    await expectOnlySpanish(page, ['Elija al menos una escuela para este rol.']);
  });

  test('people: invite someone', async ({ page }) => {
    await page.goto('/app/people');
    const form = page.locator('form', { has: page.locator('#invite-email') });
    await form.locator('#invite-email').fill('no-es-un-correo');
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, ['Escriba un correo electrónico como nombre@ejemplo.org.']);

    // An address with an account already: the server refuses, and says why in Spanish.
    await form.locator('#invite-email').fill(account('sro').email);
    await form.locator('#invite-displayName').fill('Otra Persona');
    await form.locator('select').first().selectOption({ index: 1 });
    const boxes = form.locator('input[type="checkbox"]');
    if ((await boxes.count()) > 0) await form.locator('.usa-checkbox label').first().click();
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, ['Ya existe una cuenta con este correo electrónico.']);
  });
});

test.describe('more staff forms, as the district administrator', () => {
  test.beforeEach(async ({ page }) => {
    await signInThroughApi(page, withPassword(account('district_admin')));
  });

  test("incident form: the form's own check, then business rules the server checks", async ({ page }) => {
    const list = (await (
      await page.request.get(`/api/districts/${demo().districtId}/incidents`, { params: { state: 'draft', limit: 1 } })
    ).json()) as { items: { id: string }[] };
    const sub = (await (
      await page.request.get(`/api/districts/${demo().districtId}/incidents`, {
        params: { state: 'submitted', limit: 1 },
      })
    ).json()) as { items: { id: string }[] };
    const id = (list.items[0] ?? sub.items[0])!.id;

    await page.goto('/app/incidents/new');
    const form = page.locator('form', { has: page.locator('#incident-location') });
    await form.locator('button[type="submit"]').first().click();
    await expectOnlySpanish(page, [/Revise los campos marcados abajo/]);

    await page.goto(`/app/incidents/${id}/edit`);
    await expect(form.locator('#incident-location')).toBeVisible();
    await breakNextRequest(page, `**/api/incidents/${id}`, 'PUT', (b) => {
      const students = (b.students as unknown[]) ?? [];
      return {
        ...b,
        occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        students: students.length ? [...students, students[0]] : students,
        nibrsCodes: ['13A'],
        offenseAlleged: false,
      };
    });
    await form.locator('button[type="submit"]').first().click();
    await expectOnlySpanish(page, ['Esta hora no puede estar en el futuro.']);
  });

  test('MOU editor', async ({ page }) => {
    const mous = (await (await page.request.get(`/api/districts/${demo().districtId}/mous`)).json()) as
      { id: string }[] | { items: { id: string }[] };
    const id = (Array.isArray(mous) ? mous : mous.items)[0]!.id;
    await page.goto(`/app/mous/${id}/edit`);
    const note = page.locator('#version-note');
    await expect(note).toBeVisible();
    await note.fill('');
    await page.locator('form button[type="submit"]').last().click();
    await expectOnlySpanish(page, ['Complete este campo.']);

    await note.fill('Cambio de prueba');
    await breakNextRequest(page, /\/api\/mous\/[^/]+\/versions$/, 'POST', (b) => ({
      ...b,
      effectiveDate: '2027-08-01',
      reviewDate: '2027-01-01',
      changeNote: 'x'.repeat(2001),
    }));
    await page.locator('form button[type="submit"]').last().click();
    await expectOnlySpanish(page, ['Use como máximo 2000 caracteres.']);
  });

  test('student import', async ({ page }) => {
    await page.goto('/app/students/import');
    const submit = page.locator('form button[type="submit"]');
    await submit.click();
    await expect(page.locator('#import-users-error')).toBeVisible();
    await expectOnlySpanish(page, []);

    // Files the server refuses row by row: each reason in Spanish, with the value at fault.
    const users = [
      'sourcedId,role,identifier,givenName,familyName,status,orgSourcedIds,grades',
      's1,student,L1,Ana,Ruiz,gone,,13',
    ].join('\n');
    const demographics = 'sourcedId,sex\ns1,robot\n';
    await page
      .locator('#import-users')
      .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(users) });
    await page
      .locator('#import-demographics')
      .setInputFiles({ name: 'demographics.csv', mimeType: 'text/csv', buffer: Buffer.from(demographics) });
    await submit.click();
    const table = page.locator('table');
    await expect(table.getByText('"gone" no es un estado de OneRoster; use active o tobedeleted.')).toBeVisible();
    await expect(table.getByText('"13" no es un grado que Forefront registre; use PK, KG o de 01 a 12.')).toBeVisible();
    const reasons = await table.locator('tbody tr td:last-child').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(2);
    for (const reason of reasons) expect(reason).not.toMatch(ENGLISH);
    await expectOnlySpanish(page, []);
  });

  test('an invitation: the new person chooses a password the server refuses', async ({ page, browser, baseURL }) => {
    const email = uniqueEmail('invitada');
    await page.goto('/app/people');
    const form = page.locator('form', { has: page.locator('#invite-email') });
    await form.locator('#invite-email').fill(email);
    await form.locator('#invite-displayName').fill('Ana Invitada');
    await form.locator('select').first().selectOption('auditor');
    const date = form.locator('input[type="date"]');
    if (await date.count()) await date.first().fill('2030-06-30');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => mailsTo(email).length, { message: `an e-mail to ${email}` }).toBe(1);
    const link = linkIn(mailsTo(email)[0]!, '/invitations/');

    const context = await browser.newContext({ baseURL, locale: 'es-ES' });
    const invitee = await context.newPage();
    await invitee.goto(link);
    const submit = invitee.locator('form button[type="submit"]');
    await invitee.locator('#password').fill('corta');
    await invitee.locator('#password-confirm').fill('corta');
    await submit.click();
    await expectOnlySpanish(invitee, [/Use al menos \d+ caracteres\./]);
    // Long enough for the form; the server refuses the service's own name as a password.
    await invitee.locator('#password').fill('Forefront 2026!!');
    await invitee.locator('#password-confirm').fill('Forefront 2026!!');
    await submit.click();
    await expectOnlySpanish(invitee, ['No use su correo electrónico ni el nombre de este servicio como contraseña.']);
    await context.close();
  });
});

test.describe('public pages', () => {
  test('a signing link that does not work any more', async ({ page }) => {
    await page.goto('/mou-signing/not-a-real-token-0000000000000000');
    await expectOnlySpanish(page, [/Este enlace de firma ya no se puede usar/]);
  });

  test('the setup page once Forefront is set up', async ({ page }) => {
    await page.goto('/setup?token=not-the-token');
    const form = page.locator('form', { has: page.locator('#district-timeZone') });
    if (!(await form.isVisible())) {
      // The page says setup is done instead of showing the form: nothing to submit.
      expect(await errorText(page)).not.toMatch(ENGLISH);
      return;
    }
    await form.locator('button[type="submit"]').click();
    await expectOnlySpanish(page, [/Escriba el identificador NCES del distrito/]);
  });
});
