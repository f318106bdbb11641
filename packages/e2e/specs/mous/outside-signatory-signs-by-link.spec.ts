import { inflateSync } from 'node:zlib';
import {
  account,
  demo,
  expect,
  expectAccessible,
  linkIn,
  mailsTo,
  pageHeading,
  readableBody,
  signInThroughApi,
  test,
  uniqueEmail,
  withPassword,
} from '../../fixtures/forefront';

interface MouDetail {
  id: string;
  versions: { version: number; contentHash: string }[];
}

/** The text pdfkit wrote into a PDF: each compressed content stream's hex strings, in order. */
function pdfText(pdf: Buffer): string {
  const parts: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at !== -1; at = pdf.indexOf('stream\n', at + 1)) {
    if (pdf.subarray(at - 3, at).toString() === 'end') continue;
    const end = pdf.indexOf('\nendstream', at);
    const content = inflateSync(pdf.subarray(at + 7, end)).toString('latin1');
    for (const [, block] of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const hex = [...block!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]!).join('');
      parts.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}

test('an outside signatory signs the MOU by a one-time link, and the PDF names them and how they signed', async ({
  page,
  browser,
  baseURL,
}) => {
  const admin = withPassword(account('district_admin'));
  const chief = { name: 'Chief Rosa Delgado', title: 'Chief of Police', email: uniqueEmail('chief') };

  const mou = await test.step('the administrator drafts a new agreement', async () => {
    await signInThroughApi(page, admin);
    const me = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
    const res = await page.request.post(`/api/districts/${demo().districtId}/mous`, {
      data: {
        title: 'Sheriff Partnership Agreement',
        agencyName: 'Riverside Police Department',
        template: 'cops_minimum',
        effectiveDate: new Date().toISOString().slice(0, 10),
      },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as MouDetail;
  });

  await test.step('the administrator names the police chief as a signatory and sends a signing link', async () => {
    await page.goto(`/app/mous/${mou.id}`);
    await expect(pageHeading(page, 'Sheriff Partnership Agreement')).toBeVisible();
    await page.getByText('Add a signatory').click();
    await page.getByLabel('Signs for').selectOption({ label: 'Law-enforcement agency' });
    await page.getByLabel('Name', { exact: true }).fill(chief.name);
    await page.getByLabel('Job title').fill(chief.title);
    await page.getByLabel('E-mail').fill(chief.email);
    await page.getByRole('button', { name: 'Add signatory' }).click();
    const row = page.getByRole('row').filter({ hasText: chief.name });
    await expect(row).toContainText('Not signed yet');
    // Nobody signs for someone else: the administrator is offered no "Sign" for the chief.
    await expect(row.getByRole('button', { name: `Sign as ${chief.name}` })).toHaveCount(0);
    await row.getByRole('button', { name: `Send ${chief.name} a one-time signing link by e-mail` }).click();
    await expect(page.getByText(`A one-time signing link was sent to ${chief.name} at ${chief.email}.`)).toBeVisible();
    await expectAccessible(page);
  });

  const linkMail = await test.step('the link reaches the chief’s inbox', async () => {
    await expect.poll(() => mailsTo(chief.email).length, { message: `an e-mail to ${chief.email}` }).toBe(1);
    return mailsTo(chief.email)[0]!;
  });

  // The chief has no Forefront account and uses another device: no cookies from the administrator.
  const chiefContext = await browser.newContext({ baseURL });
  const chiefPage = await chiefContext.newPage();
  try {
    await test.step('the chief opens the link and proves the address with a mailed code', async () => {
      await chiefPage.goto(linkIn(linkMail, '/mou-signing/'));
      await expect(pageHeading(chiefPage, 'Sign an agreement')).toBeVisible();
      await expect(chiefPage.getByText(`to sign "Sheriff Partnership Agreement", version 1`)).toBeVisible();
      // The text is not shown before the code.
      await expect(chiefPage.getByText('Fingerprint (SHA-256)')).toHaveCount(0);
      await expectAccessible(chiefPage);
      await chiefPage.getByRole('button', { name: 'Send me a code' }).click();
      await expect(chiefPage.getByText(/A code was sent to/)).toBeVisible();
      await expect.poll(() => mailsTo(chief.email).length, { message: 'the code e-mail' }).toBe(2);
      const code = /\b(\d{6})\b/.exec(readableBody(mailsTo(chief.email)[1]!))![1]!;
      await chiefPage.getByLabel('Code from the e-mail').fill(code);
      await expectAccessible(chiefPage);
      await chiefPage.getByRole('button', { name: 'Check the code' }).click();
    });

    await test.step('the chief reads the exact version, its fingerprint shown, and signs it', async () => {
      await expect(chiefPage.getByRole('heading', { name: 'Step 3: read version 1 and sign it' })).toBeVisible();
      await expect(chiefPage.getByTestId('content-hash')).toHaveText(mou.versions[0]!.contentHash);
      await expectAccessible(chiefPage);
      await chiefPage.getByLabel(`Type your full name: ${chief.name}`).fill(chief.name);
      // USWDS draws its own box over the native checkbox: tick it through its label, as a person does.
      await chiefPage.locator('label', { hasText: /^I, Chief Rosa Delgado, sign version 1/ }).click();
      await expect(chiefPage.getByLabel(/^I, Chief Rosa Delgado, sign version 1/)).toBeChecked();
      await chiefPage.getByRole('button', { name: 'Sign this version' }).click();
      await expect(chiefPage.getByRole('heading', { name: 'Signed' })).toBeVisible();
      await expectAccessible(chiefPage);
    });
  } finally {
    await chiefContext.close();
  }

  await test.step('the MOU page and its PDF say who signed and how', async () => {
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: chief.name });
    await expect(row).toContainText(`Signed electronically by ${chief.name}`);
    await expect(row).toContainText('through a one-time signing link');
    const pdf = await page.request.get(`/api/mous/${mou.id}/versions/1/pdf`);
    expect(pdf.status()).toBe(200);
    // pdfkit wraps long words after a hyphen (the address): join those lines back.
    const text = pdfText(await pdf.body()).replace(/- /g, '-');
    expect(text).toContain(`${chief.name}, ${chief.title}`);
    expect(text).toContain(
      `Signed electronically by ${chief.name} through a one-time signing link, after confirming ${chief.email} with a mailed code`,
    );
  });
});
