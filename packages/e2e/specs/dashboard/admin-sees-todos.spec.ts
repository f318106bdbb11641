import type { Page } from '@playwright/test';
import {
  account,
  demo,
  expect,
  expectAccessible,
  openSection,
  pageHeading,
  signInThroughApi,
  test,
  uniqueEmail,
  withPassword,
} from '../../fixtures/forefront';

/** A write through the API in the page's own session (the CSRF token from /api/me, as the app reads it). */
async function apiPost(page: Page, path: string, data: unknown) {
  const me = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as { id: string; status: string };
}

test('the district administrator sees to-dos that lead to their pages, and the jobs page lists a job', async ({
  page,
}) => {
  const admin = account('district_admin');
  const districtId = demo().districtId;
  await signInThroughApi(page, withPassword(admin));

  await test.step('an invitation waits and an export job ran', async () => {
    await apiPost(page, `/api/districts/${districtId}/invitations`, {
      email: uniqueEmail('todo'),
      displayName: 'Pending Person',
      role: 'district_admin',
    });
    const job = await apiPost(page, `/api/districts/${districtId}/jobs`, { kind: 'crdc.export', input: {} });
    await expect
      .poll(async () => ((await (await page.request.get(`/api/jobs/${job.id}`)).json()) as { status: string }).status, {
        timeout: 60_000,
      })
      .toBe('done');
  });

  await test.step('the dashboard lists the to-dos, each a link to where it is done', async () => {
    await page.goto('/app');
    await expect(pageHeading(page, `Welcome, ${admin.displayName}`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'To do' })).toBeVisible();
    const todos = page.getByRole('list', { name: 'Your to-dos' });
    const review = todos.getByRole('link', { name: /^Incidents awaiting an administrator's review: \d+$/ });
    await expect(review).toHaveAttribute('href', '/app/incidents?state=submitted');
    await expect(todos.getByRole('link', { name: /^Invitations not accepted yet: \d+$/ })).toHaveAttribute(
      'href',
      '/app/people',
    );
    // The demo district is set up: no getting-started checklist.
    await expect(page.getByRole('heading', { name: 'Getting started' })).toHaveCount(0);
    await expectAccessible(page);

    await review.click();
    await expect(pageHeading(page, 'Incidents')).toBeVisible();
    await expect(page).toHaveURL(/\/app\/incidents\?state=submitted$/);
    await page.goBack();
    await todos.getByRole('link', { name: /^Invitations not accepted yet: \d+$/ }).click();
    await expect(pageHeading(page, 'People')).toBeVisible();
  });

  await test.step('the jobs page lists the export: who started it, its result and its file', async () => {
    await openSection(page, 'Jobs');
    await expect(pageHeading(page, 'Jobs')).toBeVisible();
    const finished = page.getByRole('table', { name: /^Finished jobs 1 to \d+ of \d+$/ });
    const row = finished.getByRole('row').filter({ hasText: 'CRDC counts export' }).first();
    await expect(row).toContainText(admin.displayName);
    await expect(row).toContainText('Done');
    await expect(row.getByRole('link', { name: /^Download crdc-\d{4}-\d{2}\.json$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Running now' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('in Spanish, the jobs page and the to-dos read in Spanish and stay accessible', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(pageHeading(page, 'Tareas')).toBeVisible();
    const finished = page.getByRole('table', { name: /^Tareas terminadas 1 a \d+ de \d+$/ });
    await expect(
      finished.getByRole('row').filter({ hasText: 'Exportación de los conteos de la CRDC' }).first(),
    ).toContainText('Terminado');
    await expectAccessible(page);

    await page.goto('/app');
    await expect(page.getByRole('heading', { level: 2, name: 'Pendientes' })).toBeVisible();
    const todos = page.getByRole('list', { name: 'Sus pendientes' });
    await expect(todos.getByRole('link', { name: /^Invitaciones todavía no aceptadas: \d+$/ })).toBeVisible();
    await expect(
      todos.getByRole('link', { name: /^Incidentes que esperan la revisión de un administrador: \d+$/ }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
