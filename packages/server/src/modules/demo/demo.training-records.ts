import { createHash } from 'node:crypto';
import { addDays, type TrainingTopic } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import { seededRandom } from '../../shared/random.js';
import type { DemoOfficer } from './demo.training-roster.js';

/**
 * Issue 14: the demo officers' completion records, dated back from today, so that under the brief's
 * 40 hours (crisis intervention and cultural competency included) the district shows a mix: Nair and
 * Okafor compliant, Bell two hours short, Greer well short, Reyes (the new hire) barely started.
 * Nair has also submitted a record of her own, with its certificate, waiting for approval.
 */
export const DEMO_TRAINING_RECORDS_SEED_OFFSET = 14031;

interface DemoRecord {
  title: string;
  provider: string;
  hours: number;
  topics: TrainingTopic[];
  credential: string | null;
  daysAgo: number;
}

const ACADEMY = 'State Law Enforcement Training Academy';
const NASRO = 'National Association of School Resource Officers';
const CIT = 'CIT International';
const COUNCIL = 'National Council for Mental Wellbeing';
const basic = (provider: string, credential: string, daysAgo: number): DemoRecord => ({
  title: credential === 'nasro_basic' ? 'NASRO Basic SRO Course' : 'Basic School Resource Officer Course',
  provider,
  hours: 40,
  topics: ['adolescent_development', 'de_escalation', 'school_law', 'implicit_bias'],
  credential,
  daysAgo,
});
const crisis = (hours: number, daysAgo: number): DemoRecord => ({
  title: 'Crisis Intervention Team training',
  provider: CIT,
  hours,
  topics: ['crisis_intervention', 'de_escalation'],
  credential: null,
  daysAgo,
});
const culture = (hours: number, daysAgo: number): DemoRecord => ({
  title: 'Cultural competency in schools',
  provider: ACADEMY,
  hours,
  topics: ['cultural_competency', 'implicit_bias'],
  credential: null,
  daysAgo,
});
const ymhfa = (daysAgo: number): DemoRecord => ({
  title: 'Youth Mental Health First Aid',
  provider: COUNCIL,
  hours: 8,
  topics: ['youth_mental_health_first_aid', 'adolescent_development'],
  credential: 'ymhfa',
  daysAgo,
});

/** Approved records by badge number. */
const RECORDS: Readonly<Record<string, DemoRecord[]>> = {
  // Nair: the basic course before she started, crisis and culture since: compliant.
  '4127': [basic(ACADEMY, 'sro_basic', 840), crisis(8, 500), culture(4, 380), ymhfa(200)],
  // Okafor: NASRO's course and a full CIT week: compliant.
  'D-2214': [basic(NASRO, 'nasro_basic', 1600), crisis(40, 900), culture(8, 300)],
  // Bell: 24 + 8 + 6 = 38 hours, the topics covered: two hours short of the 40.
  '3890': [
    {
      title: 'School resource officer fundamentals',
      provider: 'Riverside Police Department Training Unit',
      hours: 24,
      topics: ['adolescent_development', 'school_law'],
      credential: null,
      daysAgo: 430,
    },
    crisis(8, 400),
    culture(6, 150),
  ],
  // Greer: a refresher and a half-day of crisis training: 20 hours, no cultural competency.
  'D-1876': [
    {
      title: 'SRO refresher',
      provider: ACADEMY,
      hours: 16,
      topics: ['school_law', 'emergency_response'],
      credential: 'sro_refresher',
      daysAgo: 260,
    },
    crisis(4, 90),
  ],
  // Reyes: the new hire's first day of de-escalation.
  '5012': [
    {
      title: 'De-escalation for patrol officers',
      provider: ACADEMY,
      hours: 8,
      topics: ['de_escalation'],
      credential: null,
      daysAgo: 20,
    },
  ],
  // Jimenez (left the program): her basic course, years ago.
  '2765': [basic(ACADEMY, 'sro_basic', 1500)],
};

/** A one-page PDF certificate, small and valid (its type is read from these bytes). */
const CERTIFICATE_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 396]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj',
    '4 0 obj<</Length 86>>stream',
    'BT /F1 18 Tf 72 300 Td (Certificate of completion) Tj 0 -30 Td (Restorative practices) Tj ET',
    'endstream endobj',
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

export async function seedDemoTrainingRecords(
  trx: Db,
  seed: number,
  districtId: string,
  officers: readonly DemoOfficer[],
  today: string,
  reviewerId: string | null,
): Promise<void> {
  const rnd = seededRandom(seed + DEMO_TRAINING_RECORDS_SEED_OFFSET);
  const now = nowIso();
  const row = (officerId: string, r: DemoRecord, status: 'approved' | 'pending', createdBy: string | null) => ({
    id: rnd.uuid(),
    districtId,
    officerId,
    courseId: null,
    title: r.title,
    provider: r.provider,
    minutes: Math.round(r.hours * 60),
    topics: JSON.stringify(r.topics),
    credentialKey: r.credential,
    completedOn: addDays(today, -r.daysAgo),
    expiresOn: null,
    status,
    source: 'entry',
    createdBy,
    reviewedBy: status === 'approved' ? reviewerId : null,
    reviewedAt: status === 'approved' ? now : null,
    reviewNote: null,
    createdAt: now,
  });
  const rows = officers.flatMap((o) => (RECORDS[o.badgeNumber] ?? []).map((r) => row(o.id, r, 'approved', reviewerId)));
  if (rows.length > 0) await trx.insertInto('trainingRecords').values(rows).execute();

  const nair = officers.find((o) => o.badgeNumber === '4127');
  if (!nair) return;
  const pending = row(
    nair.id,
    {
      title: 'Restorative practices in schools',
      provider: 'International Institute for Restorative Practices',
      hours: 6,
      topics: ['restorative_practices', 'adolescent_development'],
      credential: null,
      daysAgo: 12,
    },
    'pending',
    null,
  );
  await trx.insertInto('trainingRecords').values(pending).execute();
  await trx
    .insertInto('trainingCertificates')
    .values({
      id: rnd.uuid(),
      districtId,
      recordId: pending.id,
      fileName: 'restorative-practices-certificate.pdf',
      mediaType: 'application/pdf',
      byteSize: CERTIFICATE_PDF.length,
      sha256: createHash('sha256').update(CERTIFICATE_PDF).digest('hex'),
      contentBase64: CERTIFICATE_PDF.toString('base64'),
      createdAt: now,
    })
    .execute();
}
