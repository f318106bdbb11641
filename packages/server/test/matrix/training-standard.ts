import type { AppContext } from '../../src/shared/context.js';
import { newId } from '../../src/shared/ids.js';
import type { ActionSpec, MatrixModule, World } from './types.js';

/**
 * The training standard and catalog routes (issue 14 item 2): every route is about the district as a
 * whole (no school narrows it), so each is an `item` of the district, or of a course in it.
 */
const arkansas = {
  preset: 'arkansas_2025',
  gateMode: 'warn',
  rules: [
    { kind: 'credential', key: 'ymhfa', credential: 'ymhfa', due: { when: 'before_assignment' }, renewEveryMonths: 48 },
    { kind: 'annual_hours', key: 'continuing_education', hours: 12, topics: [] },
  ],
};
const district = (action: ActionSpec['action'], success = 200, payload?: () => unknown): ActionSpec => ({
  action,
  kind: 'item',
  targets: (w: World) => w.districtTargets,
  success,
  ...(payload && { payload }),
});

let db: AppContext['db'] | undefined;

export const trainingStandardMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    db = ctx.db;
    w.extra.trainingCourses = [];
    w.extra.credentialTypes = [];
    for (const t of w.districtTargets) {
      const id = newId();
      await ctx.db
        .insertInto('trainingCourses')
        .values({
          id,
          districtId: t.resource.districtId,
          title: 'Matrix de-escalation',
          provider: 'Matrix academy',
          minutes: 240,
          topics: '["de_escalation"]',
          credentialKey: null,
          active: 1,
          createdAt: new Date().toISOString(),
        })
        .execute();
      w.extra.trainingCourses.push({ label: `course of ${t.label}`, resource: t.resource, ids: { courseId: id } });
      w.extra.credentialTypes.push({
        ...t,
        label: `credential type of ${t.label}`,
        ids: { ...t.ids, key: 'matrix_card' },
      });
    }
  },
  specs: {
    // Not a list and not an item with an id: checked by status and content type only.
    'GET /api/districts/:id/training/standard': { ...district('training.read'), contentType: 'application/json' },
    'PUT /api/districts/:id/training/standard': district('training.standard', 200, () => arkansas),
    'GET /api/districts/:id/training/presets': { ...district('training.read'), kind: 'list', itemAllowed: () => true },
    // Every district has the contract's default types: nothing of another district can show.
    'GET /api/districts/:id/training/credential-types': {
      ...district('training.read'),
      kind: 'list',
      itemAllowed: (item) => typeof item.key === 'string',
    },
    'PUT /api/districts/:id/training/credential-types/:key': {
      action: 'training.standard',
      kind: 'item',
      targets: (w) => w.extra.credentialTypes!,
      success: 200,
      payload: () => ({ nameEn: 'Matrix card', nameEs: 'Tarjeta de matriz', validityMonths: 24 }),
    },
    'GET /api/districts/:id/training/courses': {
      ...district('training.read'),
      kind: 'list',
      // The course's own row says which district it is in (courses made by the POST builder included).
      itemAllowed: async (item, t) => {
        const row = await db!
          .selectFrom('trainingCourses')
          .select('districtId')
          .where('id', '=', String(item.id))
          .executeTakeFirst();
        return row?.districtId === t!.resource.districtId;
      },
    },
    'POST /api/districts/:id/training/courses': district('training.standard', 201, () => ({
      title: 'Matrix implicit bias',
      provider: 'Matrix academy',
      hours: 4,
      topics: ['implicit_bias'],
    })),
    'PATCH /api/training/courses/:courseId': {
      action: 'training.standard',
      kind: 'item',
      targets: (w) => w.extra.trainingCourses!,
      success: 200,
      payload: () => ({ hours: 4.5 }),
    },
  },
};
