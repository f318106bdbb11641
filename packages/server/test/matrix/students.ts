import { scopeOf } from '@forefront/contract';
import { upsertStudentsIn } from '../../src/modules/students/student.upsert.js';
import type { MatrixModule, Target } from './types.js';

/**
 * Request builders for the students module's routes (see policy-matrix.test.ts). One student in
 * each of the world's schools; the import body names the target district's own school by its
 * NCES id (no orgs.csv), so an allowed import succeeds and re-imports idempotently.
 */
const ncesByDistrict = new Map<string, string>();

const USERS_HEAD =
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
const DEMOGRAPHICS_HEAD =
  'sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus';

function importBody(target: Target | null) {
  const nces = ncesByDistrict.get(target!.resource.districtId) ?? '000000000000';
  return {
    users: `${USERS_HEAD}\nmx-1,active,,true,${nces},student,mx1,,Matrix,Imported,,matrix-import-1,,,,,10,\n`,
    demographics: `${DEMOGRAPHICS_HEAD}\nmx-1,active,,,female,false,false,true,false,false,false,false,,,,\n`,
  };
}

export const studentsMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    const placed: [string, string][] = [
      ['a1', w.schools.a1],
      ['a2', w.schools.a2],
      ['b1', w.schools.b1],
      ['c1', w.schools.c1],
    ];
    const targets: Target[] = [];
    for (const [label, schoolId] of placed) {
      const school = await ctx.db
        .selectFrom('schools')
        .select(['districtId', 'ncesSchoolId'])
        .where('id', '=', schoolId)
        .executeTakeFirstOrThrow();
      const district = w.districtTargets.find((d) => d.resource.districtId === school.districtId)!;
      if (!ncesByDistrict.has(school.districtId)) ncesByDistrict.set(school.districtId, school.ncesSchoolId);
      await ctx.db.transaction().execute((trx) =>
        upsertStudentsIn(
          trx,
          school.districtId,
          [
            {
              localId: `matrix-${label}`,
              sourceId: null,
              givenName: 'Matrix',
              familyName: `Student ${label}`,
              schoolId,
              grade: '09',
              race: 'WH',
              sex: 'M',
            },
          ],
          '2026-01-01',
          {
            dialect: ctx.dialect,
            actor: null,
            source: 'test',
          },
        ),
      );
      const s = await ctx.db
        .selectFrom('students')
        .select('id')
        .where('districtId', '=', school.districtId)
        .where('localId', '=', `matrix-${label}`)
        .executeTakeFirstOrThrow();
      targets.push({
        label: `student of school ${label} (${district.label})`,
        resource: { ...district.resource, schoolIds: [schoolId] },
        ids: { id: s.id },
      });
    }
    w.extra.students = targets;
  },
  specs: {
    'GET /api/districts/:id/students': {
      action: 'student.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (scopeOf(actor.role, 'student.list') !== 'school' || actor.schoolIds.includes(item.schoolId as string)),
    },
    'GET /api/students/:id': { action: 'student.read', kind: 'item', targets: (w) => w.extra.students!, success: 200 },
    'POST /api/districts/:id/students/import': {
      action: 'student.import',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
      payload: importBody,
    },
  },
};
