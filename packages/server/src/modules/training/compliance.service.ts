import {
  type ComplianceDashboard,
  type ComplianceQuery,
  type OfficerComplianceDetail,
  type OfficerComplianceRow,
  type TrainingTopic,
  localDate,
  recordLapseDate,
} from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { cachedCompliance } from './compliance.cache.js';
import { complianceOf, type OfficerCompliance } from './compliance.compute.js';
import { schoolNames } from './officer.repository.js';
import { credentialNames } from './officer.view.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Issue 14 item 3: who is compliant, expiring soon or not, and why. Reads are audited (an officer's
 * training is personnel data); the ids shown are in the event, never names.
 */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function rowOf(o: OfficerCompliance, names: Map<string, string>): OfficerComplianceRow {
  return {
    officerId: o.officerId,
    name: o.name,
    agency: o.agency,
    badgeNumber: o.badgeNumber,
    officerStatus: o.officerStatus,
    status: o.result.status,
    reasons: o.result.reasons,
    nextLapse: o.result.nextLapse,
    totalHours: hours(o.totalMinutes),
    schools: o.schoolIds.map((id) => ({ id, name: names.get(id) ?? id })),
  };
}

export async function complianceDashboard(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: ComplianceQuery,
): Promise<ComplianceDashboard> {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'compliance.read', districtId);
  const asOf = q.asOf ?? localDate(new Date(), district.timeZone);
  const all = await cachedCompliance(ctx.db, district.id, { asOf, yearStart: district.schoolYearStart });
  const mine = scope === 'school' ? new Set(actor.schoolIds) : null;
  const needle = q.q?.toLowerCase() ?? '';
  // Summary: the officers in view before the status filter (the tiles count every status).
  const inView = all.filter(
    (o) =>
      (q.includeInactive === 'true' || o.officerStatus === 'active') &&
      (mine === null || o.schoolIds.some((s) => mine.has(s))) &&
      (q.schoolId === undefined || o.schoolIds.includes(q.schoolId)) &&
      (needle === '' ||
        o.name.toLowerCase().includes(needle) ||
        o.badgeNumber.toLowerCase().includes(needle) ||
        o.agency.toLowerCase().includes(needle)),
  );
  const summary = { total: inView.length, compliant: 0, expiring: 0, not_compliant: 0 };
  for (const o of inView) summary[o.result.status] += 1;
  const filtered = q.status === undefined ? inView : inView.filter((o) => o.result.status === q.status);
  const start = (q.page - 1) * q.pageSize;
  const page = filtered.slice(start, start + q.pageSize);
  const [names, credentials] = await Promise.all([
    schoolNames(ctx.db, district.id),
    credentialNames(ctx.db, district.id),
  ]);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      {
        kind: 'compliance.viewed',
        officerId: null,
        count: page.length,
        asOf,
        officerIds: page.map((o) => o.officerId),
      },
    ),
  );
  return {
    asOf,
    summary,
    items: page.map((o) => rowOf(o, names)),
    total: filtered.length,
    page: q.page,
    pageSize: q.pageSize,
    credentials,
  };
}

export async function officerCompliance(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  query: { asOf?: string },
): Promise<OfficerComplianceDetail> {
  const officer = await ctx.db
    .selectFrom('officers')
    .select(['id', 'districtId'])
    .where('id', '=', officerId)
    .executeTakeFirst();
  const district = officer && (await findDistrict(ctx.db, officer.districtId));
  if (!officer || !district) throw new NotFoundError('Officer');
  const asOf = query.asOf ?? localDate(new Date(), district.timeZone);
  const [result] = await complianceOf(ctx.db, district.id, {
    asOf,
    yearStart: district.schoolYearStart,
    officerIds: [officer.id],
  });
  if (!result) throw new NotFoundError('Officer');
  // A school administrator sees officers assigned to their schools (today or on the date asked).
  authorize(
    actor,
    'compliance.read',
    { districtId: district.id, state: district.state, schoolIds: result.schoolIds },
    'Officer',
  );
  const [standard, names, credentials, records] = await Promise.all([
    findStandard(ctx.db, district.id),
    schoolNames(ctx.db, district.id),
    credentialNames(ctx.db, district.id),
    ctx.db
      .selectFrom('trainingRecords')
      .select(['id', 'title', 'completedOn', 'minutes', 'topics', 'credentialKey', 'expiresOn'])
      .where('districtId', '=', district.id)
      .where('officerId', '=', officer.id)
      .where('status', '=', 'approved')
      .orderBy('completedOn', 'desc')
      .execute(),
  ]);
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: district.id },
        { kind: 'compliance.viewed', officerId: officer.id, count: 1, asOf },
      ),
    );
  return {
    ...rowOf(result, names),
    asOf,
    rules: result.result.rules,
    records: records.map((r) => {
      const topics = JSON.parse(r.topics) as TrainingTopic[];
      const rec = {
        completedOn: r.completedOn,
        minutes: Number(r.minutes),
        topics,
        credential: r.credentialKey,
        expiresOn: r.expiresOn,
      };
      return {
        id: r.id,
        title: r.title,
        completedOn: r.completedOn,
        hours: hours(rec.minutes),
        topics,
        credential: r.credentialKey,
        expiresOn: r.expiresOn,
        lapsesOn: recordLapseDate(rec, standard.rules),
      };
    }),
    credentials,
  };
}
