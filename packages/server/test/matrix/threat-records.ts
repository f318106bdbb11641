import type { Role } from '@forefront/contract';
import { nowIso } from '../../src/db/database.js';
import { newId } from '../../src/shared/ids.js';
import { buildStudent } from '../incident.helpers.js';
import { addCase } from '../threat-records.helpers.js';
import type { MatrixModule, Target, World } from './types.js';

/**
 * A case's record as a PDF and records requests (threats/case.export.ts): `case.export`, whose
 * refusal answers 404 (need-to-know). Targets: a case whose team holds every team-scoped actor of
 * the matrix, a case of the same school whose team holds none of them, and cases in another
 * district and another state.
 */
const TEAM_SCOPED: Role[] = ['district_admin', 'school_admin', 'sro', 'support_staff'];

export const threatRecordsMatrix: MatrixModule = {
  extend: async (_app, ctx, w: World) => {
    let n = 0;
    const target = async (label: string, d: { id: string; state: string }, school: string, members: string[]) => {
      const teamId = newId();
      const now = nowIso();
      await ctx.db
        .insertInto('threatTeams')
        .values({
          id: teamId,
          districtId: d.id,
          schoolId: null,
          name: `Matrix team ${++n}`,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      if (members.length)
        await ctx.db
          .insertInto('threatTeamMembers')
          .values(members.map((userId) => ({ teamId, userId, districtId: d.id, teamRole: 'other', addedAt: now })))
          .execute();
      // A student already at the school when there is one: a new student would change the enrolment
      // figures the matrix's transparency report publishes (threat-world.ts does the same).
      const existing = await ctx.db
        .selectFrom('students')
        .select('id')
        .where('schoolId', '=', school)
        .orderBy('id')
        .executeTakeFirst();
      const studentId = existing?.id ?? (await buildStudent(ctx, d.id, school)).id;
      const id = await addCase(ctx, {
        districtId: d.id,
        schoolId: school,
        teamId,
        studentId,
        number: `TA-MATRIX-${n}`,
        openedAt: now,
      });
      return {
        label,
        resource: { districtId: d.id, state: d.state, schoolIds: [school], memberIds: members },
        ids: { id },
      };
    };
    const members = TEAM_SCOPED.map((r) => w.actors[r].user.id);
    const dA = w.dA as { id: string; state: string };
    w.extra.recordCases = [
      await target('a case of a team the actor is on', dA, w.schools.a1, members),
      await target('a case of the own school whose team the actor is not on', dA, w.schools.a1, []),
      await target('a case of another district', w.dB as never, w.schools.b1, []),
      await target('a case in another state', w.dC as never, w.schools.c1, []),
    ] satisfies Target[];
  },
  specs: {
    'GET /api/threat-cases/:id/pdf': {
      action: 'case.export',
      kind: 'item',
      targets: (w) => w.extra.recordCases!,
      success: 200,
      contentType: 'application/pdf',
    },
    'POST /api/threat-cases/:id/disclosures': {
      action: 'case.export',
      kind: 'item',
      targets: (w) => w.extra.recordCases!,
      payload: () => ({ party: 'A court', purpose: 'A subpoena', legalBasis: '99.31(a)(9)' }),
      success: 201,
      contentType: 'application/pdf',
    },
  },
};
