import {
  type PublicOfficerCount,
  type PublicTraining,
  type PublicTrainingSection,
  TRAINING_TOPICS,
  type TrainingTopic,
  explainStandard,
  localDate,
  schoolYearOfDate,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { districtOrNotFound, type LoadedDistrict } from '../../shared/load-district.js';
import { functionShares, hoursOf, schoolYearStartOf } from '../activities/activity.summary.js';
import { minutesByKind } from '../activities/activity.repository.js';
import { releasePublication } from '../suppression/suppression.ledger.js';
import type { Publication } from '../suppression/suppression.types.js';
import { approvedRecordsByOfficer, complianceOf } from '../training/compliance.compute.js';
import { credentialTypesOf } from '../training/training.catalog.repository.js';
import { findStandard } from '../training/training.standard.repository.js';

/** The ledger's dataset for the counts of officers (one release per school year). */
export const TRAINING_DATASET = 'training_officers';
const COUNTS = ['meetsStandard', 'atLeast40Hours', 'atLeast80Hours'] as const;

/**
 * The counts as the engine's publication: each count and its remainder sum to the officers
 * assigned, so a withheld count cannot be worked out by subtracting from a published total.
 */
export function trainingPublication(assigned: number, counts: Record<(typeof COUNTS)[number], number>): Publication {
  return {
    cells: [
      { id: 'assigned', value: assigned },
      ...COUNTS.flatMap((k) => [
        { id: k, value: counts[k] },
        { id: `${k}:rest`, value: assigned - counts[k] },
      ]),
    ],
    lines: COUNTS.map((k) => ({ total: 'assigned', parts: [k, `${k}:rest`] })),
  };
}

/**
 * Computes the section and records the counts' release, inside the publication's transaction
 * (transparency.publish.ts `publishIn`), then stores the section as its public row.
 */
export async function publishTrainingIn(trx: Db, district: LoadedDistrict, publishedAt: string) {
  const n = district.suppressionMinN;
  const asOf = localDate(publishedAt, district.timeZone);
  const schoolYear = schoolYearOfDate(asOf, district.schoolYearStart);
  const standard = await findStandard(trx, district.id);
  const credentials = await credentialTypesOf(trx, district.id);
  const nameOf = (lang: 'en' | 'es') => (key: string) => {
    const c = credentials.find((x) => x.key === key);
    return c ? (lang === 'en' ? c.nameEn : c.nameEs) : key;
  };

  // Officers assigned to a school on the publication date; their compliance and approved hours.
  const compliance = (await complianceOf(trx, district.id, { asOf, yearStart: district.schoolYearStart })).filter(
    (o) => o.schoolIds.length > 0,
  );
  const ids = compliance.map((o) => o.officerId);
  const hoursOfOfficer = (o: (typeof compliance)[number]) => o.totalMinutes / 60;
  const counts = {
    meetsStandard: compliance.filter((o) => o.result.status !== 'not_compliant').length,
    atLeast40Hours: compliance.filter((o) => hoursOfOfficer(o) >= 40).length,
    atLeast80Hours: compliance.filter((o) => hoursOfOfficer(o) >= 80).length,
  };
  const release = await releasePublication(trx, {
    districtId: district.id,
    dataset: TRAINING_DATASET,
    period: schoolYear,
    n,
    publication: trainingPublication(ids.length, counts),
  });
  const reasonOf = new Map(release.cells.flatMap((c) => (c.published ? [] : [[c.id, c.reason] as const])));
  const assignedShown = release.published.assigned;
  const figure = (id: string): PublicOfficerCount => {
    const value = release.published[id] ?? null;
    return {
      value,
      share:
        value !== null && assignedShown !== undefined && assignedShown > 0 && id !== 'assigned'
          ? value / assignedShown
          : null,
      withheld: reasonOf.get(id) ?? null,
    };
  };

  // Hours by topic over the assigned officers: withheld when fewer than n officers contribute.
  const records = await approvedRecordsByOfficer(trx, district.id, ids);
  const topicMinutes = new Map<TrainingTopic, number>(TRAINING_TOPICS.map((t) => [t, 0]));
  let trained = 0;
  for (const id of ids) {
    const mine = (records.get(id) ?? []).filter((r) => r.completedOn <= asOf);
    if (mine.length) trained++;
    for (const r of mine) for (const t of r.topics) topicMinutes.set(t, topicMinutes.get(t)! + r.minutes);
  }
  const topicsWithheld = trained < n;

  // Officers' time this school year by function: withheld when fewer than n officers logged any.
  const from = schoolYearStartOf(asOf, district.schoolYearStart);
  const filter = { districtId: district.id, from, to: asOf };
  const h = hoursOf(await minutesByKind(trx, filter));
  const loggers = await trx
    .selectFrom('officerActivities')
    .select((eb) => eb.fn.count<number | string>('officerId').distinct().as('n'))
    .where('districtId', '=', district.id)
    .where('activityOn', '>=', from)
    .where('activityOn', '<=', asOf)
    .executeTakeFirstOrThrow();
  const timeWithheld = Number(loggers.n) < n;

  const section: PublicTrainingSection = {
    schoolYear,
    asOf,
    minN: n,
    standard: {
      preset: standard.preset,
      en: explainStandard(standard, 'en', nameOf('en')),
      es: explainStandard(standard, 'es', nameOf('es')),
    },
    officers: {
      assigned: figure('assigned'),
      meetsStandard: figure('meetsStandard'),
      atLeast40Hours: figure('atLeast40Hours'),
      atLeast80Hours: figure('atLeast80Hours'),
    },
    hoursByTopic: {
      withheld: topicsWithheld,
      rows: topicsWithheld ? [] : TRAINING_TOPICS.map((topic) => ({ topic, hours: topicMinutes.get(topic)! / 60 })),
    },
    timeByFunction: { withheld: timeWithheld, from, rows: timeWithheld ? [] : functionShares(h.byKind) },
    publishedAt,
  };
  const row = { districtId: district.id, schoolYear, payload: JSON.stringify(section), publishedAt };
  await trx.deleteFrom('publicTrainingPages').where('districtId', '=', district.id).execute();
  await trx.insertInto('publicTrainingPages').values(row).execute();
  return section;
}

/** The public section as stored: no officer, record or activity is read on a public request. */
export async function readPublicTraining(db: Db, districtId: string): Promise<PublicTraining> {
  const district = await districtOrNotFound(db, districtId);
  const row = await db
    .selectFrom('publicTrainingPages')
    .select('payload')
    .where('districtId', '=', district.id)
    .executeTakeFirst();
  return { districtId: district.id, section: row ? (JSON.parse(row.payload) as PublicTrainingSection) : null };
}
