import { DEFAULT_TRAINING_STANDARD, type TrainingTopic } from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import { seededRandom } from '../../shared/random.js';
import { appendAudit } from '../audit/audit.service.js';
import type { AppContext } from '../../shared/context.js';

/**
 * Issue 14 item 2 in the demo: the main district's saved standard (the brief's 40 hours, warned at
 * assignment) and a catalog of courses that covers every topic. Written directly and audited as
 * operator writes, like the rest of the demo; its own seeded ids, so no other demo data changes.
 */
export const DEMO_TRAINING_STANDARD_SEED = 14021;

type DemoCourse = [title: string, provider: string, hours: number, topics: TrainingTopic[], credential: string | null];

export const DEMO_COURSES: readonly DemoCourse[] = [
  [
    'NASRO Basic SRO Course',
    'National Association of School Resource Officers',
    40,
    [
      'adolescent_development',
      'de_escalation',
      'school_law',
      'emergency_response',
      'disabilities_special_education_law',
    ],
    'nasro_basic',
  ],
  [
    'Youth Mental Health First Aid',
    'National Council for Mental Wellbeing',
    8,
    ['youth_mental_health_first_aid', 'crisis_intervention'],
    'ymhfa',
  ],
  [
    'Crisis Intervention Team (CIT) training',
    'County CIT Coalition',
    40,
    ['crisis_intervention', 'de_escalation'],
    null,
  ],
  [
    'Implicit bias in school policing',
    'State Criminal Justice Training Academy',
    4,
    ['implicit_bias', 'cultural_competency'],
    null,
  ],
  [
    'Special education law for SROs',
    'District Office of Special Education',
    6,
    ['disabilities_special_education_law', 'school_law'],
    null,
  ],
  [
    'Trauma-informed practice in schools',
    'Regional Trauma Training Center',
    6,
    ['trauma_informed_practice', 'adolescent_development'],
    null,
  ],
  [
    'Adolescent brain development and behavior',
    'State University School of Education',
    4,
    ['adolescent_development'],
    null,
  ],
  [
    'Restorative practices for school safety teams',
    'International Institute for Restorative Practices',
    8,
    ['restorative_practices'],
    null,
  ],
  [
    'Cultural competency and community engagement',
    'State Criminal Justice Training Academy',
    8,
    ['cultural_competency'],
    null,
  ],
  ['FERPA and searches of students', 'District Office of General Counsel', 3, ['school_law'], null],
  ['School emergency response and family reunification', 'State School Safety Center', 8, ['emergency_response'], null],
  [
    'De-escalation with young people (ICAT)',
    'Police Executive Research Forum',
    6,
    ['de_escalation', 'crisis_intervention'],
    null,
  ],
  [
    'SRO refresher (16 hours)',
    'State School Safety Center',
    16,
    ['de_escalation', 'school_law', 'trauma_informed_practice', 'restorative_practices'],
    'sro_refresher',
  ],
];

export async function loadTrainingStandardDemo(trx: Db, ctx: AppContext, districtId: string): Promise<void> {
  const rnd = seededRandom(DEMO_TRAINING_STANDARD_SEED);
  const now = nowIso();
  const operator = { dialect: ctx.dialect, actor: null, districtId };
  const standard = DEFAULT_TRAINING_STANDARD; // the brief's 40 hours, warn: saved, as a district that chose it
  await trx
    .insertInto('trainingStandards')
    .values({
      districtId,
      preset: standard.preset,
      rules: JSON.stringify(standard.rules),
      gateMode: standard.gateMode,
      updatedBy: null,
      updatedAt: now,
    })
    .execute();
  await appendAudit(trx, operator, {
    kind: 'training.standard_updated',
    preset: standard.preset,
    ruleKeys: standard.rules.map((r) => r.key),
    gateMode: standard.gateMode,
  });
  for (const [title, provider, hours, topics, credentialKey] of DEMO_COURSES) {
    const id = rnd.uuid();
    await trx
      .insertInto('trainingCourses')
      .values({
        id,
        districtId,
        title,
        provider,
        minutes: hours * 60,
        topics: JSON.stringify(topics),
        credentialKey,
        active: 1,
        createdAt: now,
      })
      .execute();
    await appendAudit(trx, operator, { kind: 'training.course_created', courseId: id });
  }
}
