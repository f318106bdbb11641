import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { E2E_PORT, RUN_DIR, SMTP_PORT } from '../../env.mjs';
import {
  account,
  demo,
  expect,
  expectAccessible,
  mailsTo,
  pageHeading,
  readableBody,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * Issue 14, done when: the training coordinator picks the Arkansas (2025) preset with the gate set
 * to block, imports a transcript with one bad row and then a good file, and sees a new officer not
 * compliant with the reasons; assigning him is blocked until the district administrator approves
 * an exception; and the reminder mail reaches the local SMTP server 30 days before his certificate
 * lapses, with the clock set by `forefront training reminders --as-of`.
 */
const HEADER = 'badge_number,agency,course_title,provider,hours,topics,credential,completed_on,expires_on';
const POLICE = 'Riverside Police Department';
const root = fileURLToPath(new URL('../../../..', import.meta.url));
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const csv = (name: string, rows: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${HEADER}\n${rows.join('\n')}\n`),
});

async function apiPost(page: Page, path: string, data: unknown) {
  const me = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

test('a coordinator sets the Arkansas standard, the gate blocks until an exception, a reminder arrives 30 days ahead', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36).slice(-5);
  const badge = `E2E-${tag}`;
  const name = `Officer Avery Stone ${tag}`;
  const email = `stone-${tag}@agency.demo.forefront.test`;
  // The certificate lapses 45 days from today; the 30-day reminder is due 15 days from today.
  const lapse = isoDay(45);
  const reminderDay = isoDay(15);
  let officerId = '';

  await test.step('the coordinator picks the Arkansas preset, with the gate set to block', async () => {
    await signInThroughApi(page, withPassword(account('training_coordinator')));
    officerId = (
      await apiPost(page, `/api/districts/${demo().districtId}/officers`, {
        name,
        agency: POLICE,
        badgeNumber: badge,
        email,
      })
    ).id;
    await page.goto('/app/training/standard');
    await expect(pageHeading(page, 'Training standard')).toBeVisible();
    const presets = page.getByRole('group', { name: 'Preset' });
    await presets.locator('label', { hasText: 'Arkansas (2025)' }).click();
    await page.getByRole('button', { name: 'Use this preset' }).click();
    await expect(page.getByRole('group', { name: /^Rule \d$/ })).toHaveCount(4);
    const gate = page.getByRole('group', { name: 'When an officer who does not meet the rules is assigned' });
    await gate.locator('label', { hasText: /^Block/ }).click();
    await page.getByRole('button', { name: 'Save standard' }).click();
    await expect(page.getByText('The standard is saved.')).toBeVisible();
  });

  await test.step('a transcript with an unknown officer is refused, a good one is imported', async () => {
    await page.goto('/app/training/import');
    await page
      .locator('#transcript-file')
      .setInputFiles(
        csv('bad.csv', [
          `${badge},${POLICE},School law for SROs,State academy,6,school_law,,${isoDay(-20)},`,
          `NOBODY-${tag},${POLICE},School law for SROs,State academy,6,school_law,,${isoDay(-20)},`,
        ]),
      );
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByRole('heading', { name: 'The file has problems' })).toBeVisible();
    await expect(page.getByRole('table', { name: /Problems by row/ })).toContainText(`NOBODY-${tag}`);

    // The new officer gets continuing education and a Youth Mental Health First Aid certificate that
    // lapses in 45 days, but not the basic course.
    await page
      .locator('#transcript-file')
      .setInputFiles(
        csv('good.csv', [
          `${badge},${POLICE},School law for SROs,State academy,6,school_law,,${isoDay(-20)},`,
          `${badge},${POLICE},Youth Mental Health First Aid,National Council,8,youth_mental_health_first_aid,ymhfa,${isoDay(-1050)},${lapse}`,
        ]),
      );
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByRole('heading', { name: 'The file is ready to import' })).toBeVisible();
    await page.getByRole('button', { name: 'Import 2 records' }).click();
    await expect(page.getByRole('heading', { name: 'Transcript imported' })).toBeVisible();
  });

  await test.step('the compliance page lists the new officer as not compliant, with the reason', async () => {
    await page.goto(`/app/training/compliance?status=not_compliant&q=${encodeURIComponent(tag)}`);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('Not compliant');
    await expect(row).toContainText('Needs a current Basic SRO course (40 hours) certificate');
    await expectAccessible(page);
  });

  await test.step('assigning him is blocked, with the reason', async () => {
    await page.goto(`/app/officers/${officerId}`);
    const form = page.getByRole('region', { name: 'Assign to a school' });
    await form.getByLabel('School').selectOption({ index: 1 });
    await form.getByLabel('Start date').fill(isoDay(7));
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(form.getByRole('heading', { name: 'This assignment is blocked' })).toBeVisible();
    await expect(form).toContainText('Needs a current Basic SRO course (40 hours) certificate');
    await expect(form.getByRole('button', { name: 'Assign anyway' })).toHaveCount(0);
    await expectAccessible(page);
  });

  await test.step('the district administrator approves an exception; the assignment then goes through', async () => {
    await page.context().clearCookies();
    await signInThroughApi(page, withPassword(account('district_admin')));
    await page.goto(`/app/officers/${officerId}`);
    await page.getByLabel('Reason').fill('Basic course booked for next month at the state academy');
    await page.getByLabel('Expires on').fill(isoDay(60));
    await page.getByRole('button', { name: 'Approve the exception' }).click();
    await expect(page.getByText('The exception is approved.')).toBeVisible();
    const form = page.getByRole('region', { name: 'Assign to a school' });
    await form.getByLabel('School').selectOption({ index: 1 });
    await form.getByLabel('Start date').fill(isoDay(7));
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(form.getByRole('heading', { name: 'The officer is assigned.' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Under an exception' })).toBeVisible();
  });

  await test.step('30 days before the certificate lapses, the reminder mail arrives', async () => {
    const before = mailsTo(email).length;
    execFileSync(
      process.execPath,
      [join(root, 'packages/server/bin/forefront.js'), 'training', 'reminders', '--as-of', reminderDay],
      {
        env: {
          ...process.env,
          FOREFRONT_DATA_DIR: join(RUN_DIR, 'data'),
          SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
          PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
          LOG_LEVEL: 'warn',
        },
      },
    );
    await expect.poll(() => mailsTo(email).length).toBeGreaterThan(before);
    const mail = mailsTo(email)
      .map(readableBody)
      .find((m) => m.includes(`lapses on ${lapse} (in 30 days)`));
    expect(mail, 'a reminder naming the lapse date, 30 days ahead').toBeDefined();
    expect(mail).toContain(name);
    expect(mail).toContain('The requirement: Hold a current Youth Mental Health First Aid certificate');
  });
});
