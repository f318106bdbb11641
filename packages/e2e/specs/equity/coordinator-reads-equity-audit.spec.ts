import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RUN_DIR } from '../../env.mjs';
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

/**
 * Issue 15 item 5: the demo district's threat assessment coordinator reads the equity audit. The
 * cases are written straight into the demo's database (the case services are another module's):
 * every Black student has a case involving law enforcement, one in ten other students a case
 * without, so the audit must raise an alert for Black students. The rows are removed afterwards.
 */
const PREFIX = 'EQ-E2E-';
const db = () => new Database(join(RUN_DIR, 'data', 'forefront.sqlite'));

test.beforeAll(() => {
  const conn = db();
  const districtId = demo().districtId;
  const now = new Date(Date.now() - 3_600_000).toISOString();
  const students = conn
    .prepare(
      'select id, school_id, race, sex, idea, section504, english_learner from students where district_id = ? and active = 1',
    )
    .all(districtId) as {
    id: string;
    school_id: string;
    race: string;
    sex: string;
    idea: number;
    section504: number;
    english_learner: number;
  }[];
  const teamId = `${PREFIX}team`;
  conn
    .prepare(
      'insert or ignore into threat_teams (id, district_id, school_id, name, created_at, updated_at) values (?, ?, null, ?, ?, ?)',
    )
    .run(teamId, districtId, 'Equity e2e team', now, now);
  const insert = conn.prepare(
    `insert into threat_cases (id, district_id, number, school_id, team_id, student_id, protocol, source, status,
       concern_sealed, opened_at, race, sex, idea, section504, english_learner, le_involved, severity, version,
       created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'cstag', 'staff_report', 'open', 'v1:e2e', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  conn.transaction(() => {
    students.forEach((s, i) => {
      const black = s.race === 'BL';
      if (!black && i % 10 !== 0) return;
      const id = `${PREFIX}${i}`;
      insert.run(
        id,
        districtId,
        id,
        s.school_id,
        teamId,
        s.id,
        now,
        s.race,
        s.sex,
        s.idea,
        s.section504,
        s.english_learner,
        black ? 1 : 0,
        black ? 'very_serious' : 'low',
        now,
        now,
      );
    });
  })();
  conn.close();
});

test.afterAll(() => {
  const conn = db();
  conn.prepare('delete from threat_cases where id like ?').run(`${PREFIX}%`);
  conn.prepare('delete from threat_teams where id like ?').run(`${PREFIX}%`);
  conn.close();
});

test('the threat assessment coordinator reads the equity audit, its alerts and charts, in English and Spanish', async ({
  page,
}) => {
  await signInThroughApi(page, withPassword(account('threat_coordinator')));

  await test.step('the audit opens from the navigation, alerts first', async () => {
    await page.goto('/app');
    await page.getByRole('link', { name: 'Equity audit' }).first().click();
    await expect(pageHeading(page, 'Equity audit of threat assessments and referrals')).toBeVisible();
    await expect(page.getByRole('heading', { name: /passes the alert threshold|alerts: groups past/ })).toBeVisible();
    await expect(page.getByText(/^Black or African American: Cases per 1,000 students, risk ratio/)).toBeVisible();
    await expect(
      page.getByRole('img', { name: /Cases opened per 1,000 students, by Race or ethnicity/ }),
    ).toBeVisible();
    await expect(page.getByRole('table', { name: /Race or ethnicity: each measure/ })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('a range that ends before it starts is refused in words', async () => {
    await page.locator('#equity-from').fill('2026-05-01');
    await page.locator('#equity-to').fill('2026-04-01');
    await expect(page.getByText('The end date must not come before the start date.')).toBeVisible();
  });

  await test.step('an empty range says what to do', async () => {
    await page.goto('/app/equity?from=2001-01-01&to=2001-12-31');
    await expect(page.getByRole('heading', { name: 'No cases or referrals in this range' })).toBeVisible();
  });

  await test.step('in Spanish', async () => {
    await page.goto('/app/equity');
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(
      pageHeading(page, 'Auditoría de equidad de las evaluaciones de amenazas y las derivaciones'),
    ).toBeVisible();
    await expect(page.getByText(/^Black|^Negro|afroamericano/).first()).toBeVisible();
    await expectAccessible(page);
  });
});
