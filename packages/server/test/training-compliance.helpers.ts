import type { TrainingRule, TrainingTopic } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';

/** Officers, assignments, approved records and a standard, written straight to the tables. */
export async function addOfficer(
  ctx: AppContext,
  districtId: string,
  o: { name: string; email?: string | null; status?: 'active' | 'inactive'; schoolId?: string; since?: string },
) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('officers')
    .values({
      id,
      districtId,
      userId: null,
      name: o.name,
      agency: 'Riverbend PD',
      badgeNumber: `B-${id.slice(0, 8)}`,
      email: o.email ?? null,
      status: o.status ?? 'active',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (o.schoolId)
    await ctx.db
      .insertInto('officerAssignments')
      .values({
        id: newId(),
        districtId,
        officerId: id,
        schoolId: o.schoolId,
        startsOn: o.since ?? '2024-08-01',
        endsOn: null,
        gate: 'met',
        exceptionId: null,
        createdBy: null,
        createdAt: now,
      })
      .execute();
  return id;
}

export async function addRecord(
  ctx: AppContext,
  districtId: string,
  officerId: string,
  r: { completedOn: string; hours: number; topics?: TrainingTopic[]; credential?: string; status?: string },
) {
  const id = newId();
  await ctx.db
    .insertInto('trainingRecords')
    .values({
      id,
      districtId,
      officerId,
      courseId: null,
      title: r.credential ? `Course ${r.credential}` : 'Youth-focused training',
      provider: 'State academy',
      minutes: r.hours * 60,
      topics: JSON.stringify(r.topics ?? []),
      credentialKey: r.credential ?? null,
      completedOn: r.completedOn,
      expiresOn: null,
      status: r.status ?? 'approved',
      source: 'entry',
      createdBy: null,
      reviewedBy: null,
      reviewedAt: nowIso(),
      reviewNote: null,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

export async function setStandard(ctx: AppContext, districtId: string, rules: TrainingRule[]) {
  await ctx.db
    .insertInto('trainingStandards')
    .values({
      districtId,
      preset: 'custom',
      rules: JSON.stringify(rules),
      gateMode: 'warn',
      updatedBy: null,
      updatedAt: nowIso(),
    })
    .execute();
}
