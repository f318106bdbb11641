import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Download, Page } from '@playwright/test';
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

/** The text a pdfkit PDF draws: each content stream inflated, the hex strings of its TJ arrays (WinAnsi ~ Latin-1). */
function pdfText(pdf: Buffer): string {
  const parts: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at !== -1; at = pdf.indexOf('stream\n', at + 1)) {
    if (pdf.subarray(at - 3, at).toString() === 'end') continue;
    const end = pdf.indexOf('\nendstream', at);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(at + 7, end)).toString('latin1');
    } catch {
      continue; // not a content stream (a font, an image)
    }
    for (const [, block] of content.matchAll(/BT([\s\S]*?)ET/g))
      parts.push(
        [...block!.matchAll(/<([0-9a-f]*)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(''),
      );
  }
  return parts.join('\n');
}

const saved = async (download: Download) => readFileSync(await download.path());

const form = (page: Page) => page.getByRole('form', { name: /^(New export|Nueva exportación)$/ });

/** Starts the chosen export, waits for its job to finish (progress bar at 100) and downloads the file. */
async function runExport(page: Page, submit: string | RegExp) {
  await form(page).getByRole('button', { name: submit }).click();
  await expect(page).toHaveURL(/[?&]job=/);
  const bar = page.getByRole('progressbar', { name: /^(Export progress|Progreso de la exportación)$/ });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /Your file is ready|Su archivo está listo/ })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /^(Download|Descargar) / }).click();
  return downloading;
}

const PARTY = 'Riverside County Juvenile Court';
const PURPOSE = 'Court-ordered review of incidents';

test('a district administrator exports each file, records the disclosure, and prints one student’s record of disclosures', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInThroughApi(page, withPassword(account('district_admin')));
  await page.goto('/app');
  let localId = '';

  await test.step('the incident CSV asks for the disclosure first, then downloads from its finished job', async () => {
    await openSection(page, 'Exports');
    await expect(pageHeading(page, 'Exports')).toBeVisible();
    await form(page).getByText('Incident records (CSV)').click();
    const disclosure = form(page).getByRole('group', { name: 'Who receives these records (FERPA 99.32)' });
    await expect(disclosure).toBeVisible();
    // Nothing filled in: each required answer says so, and no job starts.
    await form(page).getByRole('button', { name: 'Record the disclosure and start the export' }).click();
    await expect(disclosure.getByText('Fill this in.')).toHaveCount(2);
    await expect(disclosure.getByText('Choose the legal basis for this disclosure.')).toBeVisible();
    await expect(page).not.toHaveURL(/job=/);
    // Each legal basis comes with its plain-language explanation.
    await expect(disclosure.getByText('Health or safety emergency (34 CFR 99.31(a)(10), 99.36)')).toBeVisible();
    await expect(disclosure.getByText(/A judge has ordered the records/)).toBeVisible();
    await expectAccessible(page);

    await disclosure.getByRole('textbox', { name: 'Recipient', exact: true }).fill(PARTY);
    await disclosure.getByRole('textbox', { name: 'Purpose', exact: true }).fill(PURPOSE);
    await disclosure.getByText('Court order or lawfully issued subpoena (34 CFR 99.31(a)(9))').click();
    const download = await runExport(page, 'Record the disclosure and start the export');
    expect(download.suggestedFilename()).toBe('incidents.csv');
    const csv = (await saved(download)).toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const columns = header!.split(',');
    expect(columns).toContain('incident_number');
    const at = columns.indexOf('student_local_id');
    localId = rows.map((r) => r.split(',')[at]!).find((v) => v && v !== '')!;
    expect(localId, 'the demo export holds student records').toBeTruthy();
    await expect(page.getByText(/^The disclosure of [\d,]+ records was recorded\./)).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the Ed-Fi JSON under a health or safety emergency must state the threat', async () => {
    await page.goto('/app/exports');
    await form(page).getByText('Incident records (Ed-Fi JSON)').click();
    const disclosure = form(page).getByRole('group', { name: 'Who receives these records (FERPA 99.32)' });
    await disclosure.getByRole('textbox', { name: 'Recipient', exact: true }).fill('County health department');
    await disclosure.getByRole('textbox', { name: 'Purpose', exact: true }).fill('Outbreak of threats at two schools');
    await disclosure.getByText('Health or safety emergency (34 CFR 99.31(a)(10), 99.36)').click();
    await form(page).getByRole('button', { name: 'Record the disclosure and start the export' }).click();
    await expect(disclosure.getByText('Describe the threat to health or safety.')).toBeVisible();
    await disclosure
      .getByRole('textbox', { name: 'The threat to health or safety', exact: true })
      .fill('A written threat of violence against students');
    const download = await runExport(page, 'Record the disclosure and start the export');
    expect(download.suggestedFilename()).toBe('incidents.edfi.json');
    const doc = JSON.parse((await saved(download)).toString('utf8')) as { disciplineIncidents: unknown[] };
    expect(doc.disciplineIncidents.length).toBeGreaterThan(0);
  });

  await test.step('the CRDC counts and school file ask no disclosure: counts are not student records', async () => {
    for (const [label, name] of [
      ['CRDC counts (JSON)', /^crdc-\d{4}-\d{2}\.json$/],
      ['CRDC school file (CSV)', /^crdc-\d{4}-\d{2}-schools\.csv$/],
    ] as const) {
      await page.goto('/app/exports');
      await form(page).getByText(label).click();
      await expect(form(page).getByRole('group', { name: 'Who receives these records (FERPA 99.32)' })).toHaveCount(0);
      await expect(form(page).getByRole('textbox', { name: 'Recipient', exact: true })).toHaveCount(0);
      const download = await runExport(page, 'Start the export');
      expect(download.suggestedFilename()).toMatch(name);
      expect((await saved(download)).length).toBeGreaterThan(10);
    }
    await expectAccessible(page);
  });

  await test.step('both disclosures appear in the disclosure log, with their legal basis and who released them', async () => {
    await openSection(page, 'Disclosure log');
    await expect(pageHeading(page, 'Disclosure log')).toBeVisible();
    const table = page.getByRole('table', { name: /^Disclosures 1 to \d+ of \d+$/ });
    const court = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: PARTY }) });
    await expect(court).toHaveCount(1);
    await expect(court).toContainText(PURPOSE);
    await expect(court).toContainText('Court order or lawfully issued subpoena');
    await expect(court).toContainText('Incident records (CSV)');
    await expect(court).toContainText(account('district_admin').displayName);
    const health = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'County health department' }) });
    await expect(health).toContainText('Threat: A written threat of violence against students');
    await expect(health).toContainText('Incident records (Ed-Fi JSON)');
    await expectAccessible(page);
  });

  let studentName = '';
  await test.step('filtered to one student, the log downloads that student’s record as a PDF', async () => {
    await page.getByLabel('Find a student').fill(localId);
    const show = page.getByRole('button', { name: new RegExp(`^Show disclosures of .+ \\(${localId}\\)$`) });
    await expect(show).toHaveCount(1);
    studentName = (await show.textContent())!.replace(/^Show disclosures of /, '').replace(/ \(.*\)$/, '');
    await show.click();
    await expect(page).toHaveURL(/[?&]student=/);
    await expect(page.getByText(`Showing the disclosures that included records of ${studentName}`)).toBeVisible();
    const table = page.getByRole('table', { name: /^Disclosures 1 to \d+ of \d+$/ });
    await expect(table.getByRole('rowheader', { name: PARTY })).toBeVisible();
    await expectAccessible(page);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: `Download the record of ${studentName} as a PDF` }).click();
    const pdf = await saved(await downloading);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Record of disclosures');
    expect(text).toContain(studentName);
    expect(text).toContain(localId);
    expect(text).toContain(PARTY);
    expect(text).toContain('Court order or lawfully issued subpoena');
  });

  await test.step('in Spanish, the log, its PDF and the export form are in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(pageHeading(page, 'Registro de divulgaciones')).toBeVisible();
    const table = page.getByRole('table', { name: /^Divulgaciones 1 a \d+ de \d+$/ });
    await expect(table).toContainText('Orden judicial o citación legalmente emitida');
    await expect(table).toContainText('Registros de incidentes (CSV)');
    await expectAccessible(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: `Descargar el registro de ${studentName} en PDF` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`registro-de-divulgaciones-${localId}.pdf`);
    const text = pdfText(await saved(download));
    expect(text).toContain('Registro de divulgaciones');
    expect(text).toContain(studentName);
    expect(text).toContain('Orden judicial o citación legalmente emitida');
    expect(text).not.toContain('Court order or lawfully issued subpoena');

    await openSection(page, 'Exportaciones', { nav: 'Navegación principal', menu: 'Registros e informes' });
    await expect(pageHeading(page, 'Exportaciones')).toBeVisible();
    await form(page).getByText('Registros de incidentes (CSV)').click();
    const disclosure = form(page).getByRole('group', { name: 'Quién recibe estos expedientes (FERPA 99.32)' });
    await form(page).getByRole('button', { name: 'Registrar la divulgación e iniciar la exportación' }).click();
    await expect(disclosure.getByText('Complete este campo.')).toHaveCount(2);
    await expect(disclosure.getByText('Elija el fundamento legal de esta divulgación.')).toBeVisible();
    await expect(disclosure.getByText('Emergencia de salud o seguridad (34 CFR 99.31(a)(10), 99.36)')).toBeVisible();
    await expectAccessible(page);
    await disclosure.getByRole('textbox', { name: 'Destinatario', exact: true }).fill('Escuela Secundaria Lincoln');
    await disclosure.getByRole('textbox', { name: 'Propósito', exact: true }).fill('Traslado del estudiante');
    await disclosure
      .getByText('Otra escuela en la que el estudiante busca o piensa inscribirse (34 CFR 99.31(a)(2))')
      .click();
    const csv = await runExport(page, 'Registrar la divulgación e iniciar la exportación');
    expect(csv.suggestedFilename()).toBe('incidents.csv');
    await expect(page.getByText(/^Se registró la divulgación de [\d.\s]+ expedientes\./)).toBeVisible();
    await expectAccessible(page);
  });
});
