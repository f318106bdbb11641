import type { MouReminderKind, MouVersionStatus } from '@forefront/contract';

/**
 * Where each version of one MOU stands on a day: the one rule for "in force", used by the MOU
 * pages and by findMouInForce (mou.in-force.ts, the role-clarity engine). A version is in force
 * when it is effective on or before the day and signed, over exactly its content, by every active
 * signatory who was already a party when its last signature was made (a signatory added after an
 * agreement was fully executed signs the next version, instead of silently taking the agreement
 * in force out of force); the latest effective date (then version number) wins.
 */
export interface VersionFacts {
  id: string;
  version: number;
  effectiveDate: string;
  reviewDate: string;
  contentHash: string;
}
export interface SignatoryFacts {
  id: string;
  active: number | boolean;
  createdAt: string;
}
export interface SignatureFacts {
  mouVersionId: string;
  signatoryId: string;
  contentHash: string;
  signedAt: string;
}

export interface MouStanding {
  statuses: Map<string, MouVersionStatus>;
  inForce: VersionFacts | null;
  latest: VersionFacts;
}

export function standing(
  versions: readonly VersionFacts[],
  signatories: readonly SignatoryFacts[],
  signatures: readonly SignatureFacts[],
  today: string,
): MouStanding {
  const validFor = (v: VersionFacts) =>
    signatures.filter((s) => s.mouVersionId === v.id && s.contentHash === v.contentHash);
  const validSigners = (v: VersionFacts) => new Set(validFor(v).map((s) => s.signatoryId));
  const fullySigned = (v: VersionFacts) => {
    const valid = validFor(v);
    if (valid.length === 0) return false;
    const lastSignedAt = valid.reduce((m, s) => (s.signedAt > m ? s.signedAt : m), '');
    const signed = new Set(valid.map((s) => s.signatoryId));
    return signatories.filter((s) => Boolean(s.active) && s.createdAt <= lastSignedAt).every((s) => signed.has(s.id));
  };
  const later = (a: VersionFacts, b: VersionFacts) =>
    a.effectiveDate > b.effectiveDate || (a.effectiveDate === b.effectiveDate && a.version > b.version);
  let inForce: VersionFacts | null = null;
  for (const v of versions)
    if (v.effectiveDate <= today && fullySigned(v) && (!inForce || later(v, inForce))) inForce = v;
  const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));

  const statuses = new Map<string, MouVersionStatus>();
  for (const v of versions) {
    let status: MouVersionStatus;
    if (v === inForce) status = 'in_force';
    else if (inForce && later(inForce, v)) status = 'superseded';
    else if (fullySigned(v))
      status = 'signed'; // signed, effective later
    else status = validSigners(v).size > 0 ? 'awaiting_signatures' : 'draft';
    statuses.set(v.id, status);
  }
  return { statuses, inForce, latest };
}

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Which review reminder is due today for a version in force: 60 days ahead, 30 days ahead, or overdue. */
export function reminderKind(reviewDate: string, today: string): MouReminderKind | null {
  const days = daysBetween(today, reviewDate);
  if (days < 0) return 'review_overdue';
  if (days <= 30) return 'review_due_30';
  if (days <= 60) return 'review_due_60';
  return null;
}

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

/** One year after a date (29 February rolls to 1 March). */
export function oneYearAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
