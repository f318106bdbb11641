import { type DriftGroupReferrals, addDays, startOfLocalDay } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { demographicHistory, snapshotAsOf } from '../students/student.snapshot.js';
import { studentGroupKeys } from '../transparency/transparency.derive.js';

/**
 * The role-drift dashboard's "help or police" figures (issue 15 item 3): for the months asked,
 * students referred to support services (support_referrals by the day made) and to law enforcement
 * (incident students counted as referred: citations, referrals and arrests, by the incident's
 * date), each per 1,000 students enrolled in the group. Both carry the student's groups as of the
 * event; enrollment is the active roster as of the range's last day, by the one snapshot rule.
 */
const DIMENSION_ORDER = ['all', 'race', 'sex', 'disability', 'english_learner'];

const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

const per1000 = (n: number, enrolled: number) => (enrolled ? Math.round((n * 1_000_000) / enrolled) / 1000 : null);

export async function referralsByGroup(
  db: Db,
  districtId: string,
  fromMonth: string,
  toMonth: string,
  timeZone: string,
  schoolIds?: readonly string[],
): Promise<DriftGroupReferrals[]> {
  if (schoolIds && schoolIds.length === 0) return [];
  const since = startOfLocalDay(`${fromMonth}-01`, timeZone);
  const endDay = nextMonthStart(toMonth);
  const until = startOfLocalDay(endDay, timeZone);
  const cells = new Map<string, { enrolled: number; lawEnforcement: number; support: number }>();
  const cell = (key: string) =>
    cells.get(key) ?? cells.set(key, { enrolled: 0, lawEnforcement: 0, support: 0 }).get(key)!;

  let support = db
    .selectFrom('supportReferrals')
    .select(['race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId)
    .where('madeAt', '>=', since)
    .where('madeAt', '<', until);
  if (schoolIds) support = support.where('schoolId', 'in', [...schoolIds]);
  let police = db
    .selectFrom('incidentStudents as s')
    .innerJoin('incidents as i', 'i.id', 's.incidentId')
    .select(['s.race', 's.sex', 's.idea', 's.section504', 's.englishLearner'])
    .where('s.districtId', '=', districtId)
    .where('s.referred', '=', 1)
    .where('i.occurredAt', '>=', since)
    .where('i.occurredAt', '<', until);
  if (schoolIds) police = police.where('s.schoolId', 'in', [...schoolIds]);
  const [supportRows, policeRows] = await Promise.all([support.execute(), police.execute()]);
  for (const r of supportRows) for (const k of studentGroupKeys(r)) cell(k).support += 1;
  for (const r of policeRows) for (const k of studentGroupKeys(r)) cell(k).lawEnforcement += 1;

  const roster = await db
    .selectFrom('students')
    .select(['id', 'schoolId', 'grade', 'race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId)
    .where('active', '=', 1)
    .execute();
  const history = await demographicHistory(db, districtId);
  const lastDay = addDays(endDay, -1);
  for (const s of roster) {
    const snap = snapshotAsOf(s, history.get(s.id) ?? [], lastDay);
    if (schoolIds && !schoolIds.includes(snap.schoolId)) continue;
    for (const k of studentGroupKeys(snap)) cell(k).enrolled += 1;
  }
  const dim = (key: string) => DIMENSION_ORDER.indexOf(key.split(':')[0]!);
  return [...cells]
    .map(([key, c]) => ({
      key,
      ...c,
      lawEnforcementPer1000: per1000(c.lawEnforcement, c.enrolled),
      supportPer1000: per1000(c.support, c.enrolled),
    }))
    .sort((a, b) => dim(a.key) - dim(b.key) || a.key.localeCompare(b.key));
}
