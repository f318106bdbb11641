import {
  account,
  demo,
  expect,
  expectAccessible,
  expectDashboard,
  linkIn,
  mailsTo,
  pageHeading,
  primaryNav,
  signInThroughUi,
  test,
  totp,
  uniqueEmail,
  withPassword,
} from '../../fixtures/forefront';

interface PublicDistrict {
  name: string;
  schools: { name: string }[];
}

test('the district administrator invites a new SRO, who accepts, sets up two-step verification and signs in', async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const admin = withPassword(account('district_admin'));
  const district = (await (await request.get(`/api/public/districts/${demo().districtId}`)).json()) as PublicDistrict;
  const school = district.schools[0]!.name;
  const sro = {
    email: uniqueEmail('sro'),
    displayName: 'Officer Tess Alvarez',
    password: 'steady harbour lantern 1987',
    totpSecret: '',
  };

  await test.step('the administrator signs in with password and authenticator code', async () => {
    await signInThroughUi(page, admin);
    await expectDashboard(page, { displayName: admin.displayName, roleLabel: 'District administrator' });
    await expectAccessible(page);
  });

  await test.step('the administrator invites the officer to one school from People', async () => {
    await primaryNav(page).getByRole('link', { name: 'People' }).click();
    await expect(pageHeading(page, 'People')).toBeVisible();
    await expect(page.getByRole('table', { name: /^People 1 to/ })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Invitations sent' }).or(page.getByText('No invitations have been sent.')),
    ).toBeVisible();
    await expectAccessible(page);

    const form = page.getByRole('region', { name: 'Invite someone' });
    await form.getByLabel('Email address').fill(sro.email);
    await form.getByLabel('Full name').fill(sro.displayName);
    await form.getByLabel('Role').selectOption({ label: 'School resource officer' });
    const schools = form.getByRole('group', { name: 'Schools' });
    await expect(schools.getByRole('checkbox', { name: school })).not.toBeChecked();
    // The form as filled in, school choice showing.
    await expectAccessible(page);
    await schools.locator('label', { hasText: school }).click();
    await expect(schools.getByRole('checkbox', { name: school })).toBeChecked();
    await form.getByRole('button', { name: 'Send invitation' }).click();

    await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${sro.email}` })).toBeVisible();
    const invitations = page.getByRole('table', { name: 'Invitations sent' });
    await expect(invitations.getByRole('row').filter({ hasText: sro.email })).toContainText('Waiting, expires');
  });

  const invitationMail = await test.step('the invitation reaches the officer’s inbox', async () => {
    await expect.poll(() => mailsTo(sro.email).length, { message: `an e-mail to ${sro.email}` }).toBe(1);
    const mail = mailsTo(sro.email)[0]!;
    expect(mail).toMatch(/^Subject: You are invited to Forefront/m);
    return mail;
  });

  // The officer is someone else, on another device: no cookies from the administrator.
  const sroContext = await browser.newContext({ baseURL });
  const sroPage = await sroContext.newPage();
  try {
    await test.step('the officer opens the link and creates a password', async () => {
      await sroPage.goto(linkIn(invitationMail, '/invitations/'));
      await expect(pageHeading(sroPage, 'Accept your invitation')).toBeVisible();
      await expect(
        sroPage.getByText(
          `${sro.displayName}, you have been invited to join ${district.name} on Forefront as School resource officer.`,
        ),
      ).toBeVisible();
      await expect(sroPage.getByLabel('Email address')).toHaveValue(sro.email);
      await expectAccessible(sroPage);
      await sroPage.getByLabel('Create a password').fill(sro.password);
      await sroPage.getByLabel('Type the password again').fill(sro.password);
      await sroPage.getByRole('button', { name: 'Create account' }).click();
    });

    await test.step('the officer sets up two-step verification with the key shown on the page', async () => {
      await expect(sroPage).toHaveURL(/\/mfa\/enrol$/);
      await expect(pageHeading(sroPage, 'Set up two-step verification')).toBeVisible();
      await expect(
        sroPage.getByRole('img', { name: 'QR code to add Forefront to your authenticator app' }),
      ).toBeVisible();
      const keyLine = sroPage.getByText('Setup key:');
      await expect(keyLine).toHaveText(/Setup key:\s*[A-Z2-7 ]{16,}/);
      sro.totpSecret = (await keyLine.innerText()).replace('Setup key:', '').replace(/\s+/g, '');
      await expectAccessible(sroPage);
      await sroPage.getByLabel('Verification code').fill(await totp(sro.totpSecret));
      await sroPage.getByRole('button', { name: 'Confirm' }).click();
    });

    await test.step('the officer sees recovery codes once, then continues to the staff app', async () => {
      await expect(sroPage.getByRole('status').filter({ hasText: 'Two-step verification is on' })).toBeVisible();
      const recovery = sroPage.getByRole('region', { name: 'Save your recovery codes' });
      await expect(recovery.getByRole('listitem')).toHaveCount(10);
      await expect(recovery.getByRole('listitem').first()).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
      await expectAccessible(sroPage);
      await sroPage.getByRole('link', { name: 'Continue to your dashboard' }).click();
      await expectDashboard(sroPage, { displayName: sro.displayName, roleLabel: 'School resource officer' });
      await expectAccessible(sroPage);
    });

    await test.step('the officer signs out, then back in with password and authenticator code', async () => {
      await sroPage.getByRole('button', { name: 'Sign out' }).click();
      await expect(sroPage).toHaveURL(/\/sign-in$/);
      await expect(pageHeading(sroPage, 'Sign in')).toBeVisible();
      await signInThroughUi(sroPage, sro);
      await expectDashboard(sroPage, { displayName: sro.displayName, roleLabel: 'School resource officer' });
      const nav = primaryNav(sroPage);
      await expect(nav.getByRole('link', { name: 'Schools' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'People' })).toHaveCount(0);
      await expect(nav).toContainText('School resource officer');
      await expectAccessible(sroPage);
    });
  } finally {
    await sroContext.close();
  }

  await test.step('the administrator sees the invitation accepted', async () => {
    await page.reload();
    const invitations = page.getByRole('table', { name: 'Invitations sent' });
    await expect(invitations.getByRole('row').filter({ hasText: sro.email })).toContainText('Accepted');
  });
});
