import {
  type Clause,
  type MouDetail,
  type MouSummary,
  type MouTemplate,
  type MouVersion,
  MouTemplateSchema,
  type RoleRules,
  RoleRulesSchema,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { canonicalJson } from '../audit/audit.chain.js';
import { sha256Hex } from '../../shared/ids.js';
import { CLAUSE_LIBRARY, completeness } from './mou.clauses.js';
import * as repo from './mou.repository.js';
import { type MouStanding, reminderKind, standing } from './mou.status.js';
import type { MouVersionRow } from './mou.table.js';

/** What a signature covers: the canonical JSON of the clauses, the role rules and both dates. */
export function contentHash(v: {
  clauses: readonly Clause[];
  roleRules: RoleRules;
  effectiveDate: string;
  reviewDate: string;
}): string {
  return sha256Hex(
    canonicalJson({
      clauses: v.clauses,
      roleRules: v.roleRules,
      effectiveDate: v.effectiveDate,
      reviewDate: v.reviewDate,
    }),
  );
}

export interface ParsedVersion extends Omit<MouVersionRow, 'clauses' | 'roleRules'> {
  clauses: Clause[];
  roleRules: RoleRules;
}
export const parseVersion = (r: MouVersionRow): ParsedVersion => ({
  ...r,
  version: Number(r.version),
  clauses: JSON.parse(r.clauses) as Clause[],
  roleRules: RoleRulesSchema.parse(JSON.parse(r.roleRules)),
});

/** One MOU with everything its pages need, read in four indexed queries. */
export interface MouBundle {
  mou: repo.MouRow;
  template: MouTemplate;
  versions: ParsedVersion[];
  signatories: repo.SignatoryRow[];
  signatures: repo.SignatureRow[];
  standing: MouStanding;
}

export async function loadBundles(db: Db, mous: readonly repo.MouRow[], today: string): Promise<MouBundle[]> {
  const ids = mous.map((m) => m.id);
  const versions = (await repo.findVersions(db, ids)).map(parseVersion);
  const signatories = await repo.findSignatories(db, ids);
  const signatures = await repo.findSignatures(
    db,
    versions.map((v) => v.id),
  );
  const bundles: MouBundle[] = [];
  for (const mou of mous) {
    const vs = versions.filter((v) => v.mouId === mou.id);
    if (vs.length === 0) continue; // not possible: an MOU is created with its version 1
    const ss = signatories.filter((s) => s.mouId === mou.id);
    const versionIds = new Set(vs.map((v) => v.id));
    const sigs = signatures.filter((s) => versionIds.has(s.mouVersionId));
    bundles.push({
      mou,
      template: MouTemplateSchema.parse(mou.template),
      versions: vs,
      signatories: ss,
      signatures: sigs,
      standing: standing(vs, ss, sigs, today),
    });
  }
  return bundles;
}

export async function loadBundle(db: Db, mou: repo.MouRow, today: string): Promise<MouBundle> {
  return (await loadBundles(db, [mou], today))[0]!;
}

export function toSummary(b: MouBundle, today: string): MouSummary {
  const { inForce, latest, statuses } = b.standing;
  const latestVersion = b.versions.find((v) => v.id === latest.id)!;
  const kind = inForce ? reminderKind(inForce.reviewDate, today) : null;
  return {
    id: b.mou.id,
    districtId: b.mou.districtId,
    title: b.mou.title,
    agencyName: b.mou.agencyName,
    template: b.template,
    status: inForce ? 'in_force' : statuses.get(latest.id)!,
    latestVersion: latest.version,
    latestStatus: statuses.get(latest.id)!,
    inForceVersion: inForce?.version ?? null,
    effectiveDate: (inForce ?? latest).effectiveDate,
    nextReviewDate: (inForce ?? latest).reviewDate,
    completeness: completeness(b.template, latestVersion.clauses),
    reminder: inForce && kind ? { kind, reviewDate: inForce.reviewDate, version: inForce.version } : null,
    updatedAt: b.mou.updatedAt,
  };
}

export function toVersion(b: MouBundle, v: ParsedVersion): MouVersion {
  return {
    id: v.id,
    version: v.version,
    clauses: v.clauses,
    roleRules: v.roleRules,
    effectiveDate: v.effectiveDate,
    reviewDate: v.reviewDate,
    changeNote: v.changeNote,
    contentHash: v.contentHash,
    createdAt: v.createdAt,
    status: b.standing.statuses.get(v.id)!,
    completeness: completeness(b.template, v.clauses),
  };
}

export function toDetail(b: MouBundle, today: string, districtName: string): MouDetail {
  const versionNo = new Map(b.versions.map((v) => [v.id, v]));
  return {
    ...toSummary(b, today),
    versions: [...b.versions].sort((x, y) => y.version - x.version).map((v) => toVersion(b, v)),
    signatories: b.signatories.map((s) => ({
      id: s.id,
      party: s.party,
      name: s.name,
      title: s.title,
      email: s.email,
      active: Boolean(s.active),
    })),
    signatures: b.signatures.map((s) => {
      const v = versionNo.get(s.mouVersionId)!;
      return {
        id: s.id,
        signatoryId: s.signatoryId,
        version: v.version,
        signedName: s.signedName,
        signedAt: s.signedAt,
        contentHash: s.contentHash,
        valid: s.contentHash === v.contentHash,
      };
    }),
    library: Object.entries(CLAUSE_LIBRARY).map(([key, c]) => ({
      key: key as keyof typeof CLAUSE_LIBRARY,
      title: c.title,
      source: c.source,
      text: c.text.replaceAll('{district}', districtName).replaceAll('{agency}', b.mou.agencyName),
    })),
  };
}
