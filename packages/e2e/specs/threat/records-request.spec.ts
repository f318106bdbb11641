import { readFileSync } from 'node:fs';
import {
  account,
  demo,
  expect,
  expectAccessible,
  openSection,
  pageHeading,
  signInThroughApi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * A threat assessment case's record leaves the team only through a records request: the threat
 * coordinator downloads the case as a PDF, then answers a request from the sheriff's office, which
 * records a FERPA 99.32 disclosure (recipient, purpose, legal basis, the threat) before the PDF
 * downloads. The district administrator then finds it in the disclosure log.
 */

const PARTY = 'Riverside County Sheriff’s Office';
const PURPOSE = 'Investigation of a threat against the school';

test('the threat coordinator answers a records request from a case, and the disclosure is logged', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinator = demo().accounts.find((a) => a.email === 'threat@demo.forefront.test');
  if (!coordinator) throw new Error('The demo has no threat coordinator');
  await signInThroughApi(page, withPassword(coordinator));
  const list = await page.request.get(`/api/districts/${demo().districtId}/threat-cases`, {
    params: { limit: 5 },
  });
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: { id: string; number: string }[] };
  const first = items[0]!;

  await page.goto(`/app/threat/cases/${first.id}`);
  await expect(pageHeading(page, new RegExp(first.number))).toBeVisible();
  const section = page.getByRole('region', { name: 'The record as a PDF' });

  await test.step('the record downloads as a PDF in the reader’s language', async () => {
    const link = section.getByRole('link', { name: 'Download the record (PDF)' });
    await expect(link).toHaveAttribute('href', `/api/threat-cases/${first.id}/pdf?lang=en`);
    const downloading = page.waitForEvent('download');
    await link.click();
    const pdf = readFileSync(await (await downloading).path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  await test.step('a records request asks for the disclosure, then records it and downloads the PDF', async () => {
    const form = section.getByRole('form', { name: 'Records request' });
    const disclosure = form.getByRole('group', { name: 'Who receives this record (FERPA 99.32)' });
    await form.getByRole('button', { name: 'Record the disclosure and download the record' }).click();
    await expect(disclosure.getByText('Fill this in.')).toHaveCount(2);
    await expect(disclosure.getByText('Choose the legal basis for this disclosure.')).toBeVisible();
    await expectAccessible(page);

    await disclosure.getByRole('textbox', { name: 'Recipient', exact: true }).fill(PARTY);
    await disclosure.getByRole('textbox', { name: 'Purpose', exact: true }).fill(PURPOSE);
    await disclosure.getByText('Health or safety emergency (34 CFR 99.31(a)(10), 99.36)').click();
    await form.getByRole('button', { name: 'Record the disclosure and download the record' }).click();
    await expect(disclosure.getByText('Describe the threat to health or safety.')).toBeVisible();
    await disclosure
      .getByRole('textbox', { name: 'The threat to health or safety', exact: true })
      .fill('A written threat of violence against students');

    const posted = page.waitForResponse(
      (r) => r.url().includes(`/api/threat-cases/${first.id}/disclosures`) && r.request().method() === 'POST',
    );
    const downloading = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Record the disclosure and download the record' }).click();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.url()).toContain('lang=en');
    const pdf = readFileSync(await (await downloading).path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByText('The disclosure was recorded and the record downloaded')).toBeVisible();
    await expect(page.getByText(`The release to ${PARTY} is in the disclosure log.`)).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('in Spanish, the link and the form are in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    const es = page.getByRole('region', { name: 'El expediente en PDF' });
    await expect(es.getByRole('link', { name: 'Descargar el expediente (PDF)' })).toHaveAttribute(
      'href',
      `/api/threat-cases/${first.id}/pdf?lang=es`,
    );
    await expect(es.getByRole('form', { name: 'Solicitud de expedientes' })).toBeVisible();
    await expect(es.getByText('Emergencia de salud o seguridad (34 CFR 99.31(a)(10), 99.36)')).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the district administrator finds the disclosure in the log', async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signInThroughApi(admin, withPassword(account('district_admin')));
    await admin.goto('/app');
    await openSection(admin, 'Disclosure log');
    await expect(pageHeading(admin, 'Disclosure log')).toBeVisible();
    const row = admin
      .getByRole('table', { name: /^Disclosures 1 to \d+ of \d+$/ })
      .getByRole('row')
      .filter({ has: admin.getByRole('rowheader', { name: PARTY }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(PURPOSE);
    await expect(row).toContainText('Threat: A written threat of violence against students');
    await context.close();
  });
});
