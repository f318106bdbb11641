import type { Action, PolicyActor, PolicyResource } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { authorize } from '../../shared/authorize.js';
import { NotFoundError } from '../../shared/errors.js';
import type { ThreatCaseTable } from './threat.table.js';

/**
 * A case's need-to-know (issue 15): its team's members (`team` scope), the district's threat
 * assessment coordinator and the auditor (`district` scope). Everyone else, a district
 * administrator off the team included, is answered 404 exactly as for a case that does not exist
 * (NEED_TO_KNOW_ACTIONS in the policy table; shared/authorize.ts).
 */
export type CaseRow = Readonly<ThreatCaseTable>;

export async function teamMemberIds(db: Db, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('threatTeamMembers').select('userId').where('teamId', '=', teamId).execute();
  return rows.map((r) => r.userId);
}

/** The case as a policy resource: its district, its school and its team's members. */
export async function caseResource(
  db: Db,
  c: Pick<CaseRow, 'districtId' | 'schoolId' | 'teamId'>,
): Promise<PolicyResource> {
  const district = await db
    .selectFrom('districts')
    .select('state')
    .where('id', '=', c.districtId)
    .executeTakeFirstOrThrow();
  return {
    districtId: c.districtId,
    state: district.state,
    schoolIds: [c.schoolId],
    memberIds: await teamMemberIds(db, c.teamId),
  };
}

/**
 * The case, authorized for `action` (case.read, case.write, case.export): 404 when it does not
 * exist or the actor may not open it. Services call this first; `db` may be their transaction.
 */
export async function loadCaseFor(db: Db, actor: PolicyActor, action: Action, caseId: string): Promise<CaseRow> {
  const row = await db.selectFrom('threatCases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new NotFoundError('Case');
  authorize(actor, action, await caseResource(db, row), 'Case');
  return row;
}

/** Can the actor open this case? For lists that link to a case only when the reader may follow it. */
export async function mayOpenCase(db: Db, actor: PolicyActor, caseId: string): Promise<boolean> {
  try {
    await loadCaseFor(db, actor, 'case.read', caseId);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

/** Cases opened from an incident that the reader may open (the incident links to them; issue 15). */
export async function casesOfIncident(
  db: Db,
  actor: PolicyActor,
  incidentId: string,
): Promise<{ id: string; number: string }[]> {
  const rows = await db
    .selectFrom('threatCases')
    .select(['id', 'number'])
    .where('incidentId', '=', incidentId)
    .orderBy('number')
    .execute();
  const out = [];
  for (const r of rows) if (await mayOpenCase(db, actor, r.id)) out.push(r);
  return out;
}
