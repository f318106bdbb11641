import {
  type Clause,
  CLAUSE_TITLES,
  type Lang,
  type MouDetail,
  type MouSummary,
  type MouTemplate,
  type MouVersion,
  MouLanguageSchema,
  MouSignatureMethodSchema,
  MouTemplateSchema,
  type RoleRules,
  RoleRulesSchema,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { canonicalJson } from '../audit/audit.chain.js';
import { sha256Hex } from '../../shared/ids.js';
import { CLAUSE_LIBRARY, completeness, libraryText } from './mou.clauses.js';
import * as repo from './mou.repository.js';
import * as links from './mou.signing.repository.js';
import { type MouStanding, reminderKind, standing } from './mou.status.js';
import type { MouVersionRow } from './mou.table.js';

/**
 * What a signature covers: the canonical JSON of the clauses, the role rules and both dates, and the
 * language the text is in when it is not English (so every English version, written before versions
 * had a language, keeps the fingerprint it was signed with).
 */
export function contentHash(v: {
  clauses: readonly Clause[];
  roleRules: RoleRules;
  effectiveDate: string;
  reviewDate: string;
  language?: Lang | undefined;
}): string {
  return sha256Hex(
    canonicalJson({
      clauses: v.clauses,
      roleRules: v.roleRules,
      effectiveDate: v.effectiveDate,
      reviewDate: v.reviewDate,
      ...(v.language && v.language !== 'en' ? { language: v.language } : {}),
    }),
  );
}

export interface ParsedVersion extends Omit<MouVersionRow, 'clauses' | 'roleRules' | 'language'> {
  clauses: Clause[];
  roleRules: RoleRules;
  language: Lang;
}
export const parseVersion = (r: MouVersionRow): ParsedVersion => ({
  ...r,
  language: MouLanguageSchema.catch('en').parse(r.language),
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
  /** Display names of the staff who recorded signatures (or sent the links), by user id. */
  recorders: Map<string, string>;
  /** Signature ids that have a scanned page. */
  scanned: Set<string>;
}

export async function loadBundles(db: Db, mous: readonly repo.MouRow[], today: string): Promise<MouBundle[]> {
  const ids = mous.map((m) => m.id);
  const versions = (await repo.findVersions(db, ids)).map(parseVersion);
  const signatories = await repo.findSignatories(db, ids);
  const signatures = await repo.findSignatures(
    db,
    versions.map((v) => v.id),
  );
  const recorders = await links.userNames(
    db,
    signatures.map((s) => s.recordedBy),
  );
  const scanned = await links.signaturesWithScan(
    db,
    signatures.filter((s) => s.method === 'paper').map((s) => s.id),
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
      recorders,
      scanned,
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
    language: v.language,
    status: b.standing.statuses.get(v.id)!,
    completeness: completeness(b.template, v.clauses),
  };
}

export function toDetail(b: MouBundle, today: string, districtName: string): MouDetail {
  const versionNo = new Map(b.versions.map((v) => [v.id, v]));
  // The library is offered in the language the latest version is written in.
  const lang = [...b.versions].sort((x, y) => y.version - x.version)[0]!.language;
  const names = { district: districtName, agency: b.mou.agencyName };
  return {
    ...toSummary(b, today),
    districtName,
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
        method: MouSignatureMethodSchema.parse(s.method),
        recordedByName: b.recorders.get(s.recordedBy) ?? null,
        signerEmail: s.signerEmail,
        hasScan: b.scanned.has(s.id),
      };
    }),
    library: (Object.keys(CLAUSE_LIBRARY) as (keyof typeof CLAUSE_LIBRARY)[]).map((key) => ({
      key,
      title: CLAUSE_TITLES[key][lang],
      source: CLAUSE_LIBRARY[key].source,
      text: libraryText(key, lang, names),
    })),
  };
}

/**
 * Who signed and how, in one sentence in English or Spanish (the PDF; the web pages translate the
 * same facts): electronic by the signatory, or recorded from paper (or typed in, before issue 12) by whom.
 */
export function signatureHow(
  sig: { method: string; signedName: string; signedAt: string; signerEmail: string | null },
  recordedByName: string | null,
  lang: Lang = 'en',
): string {
  const on = sig.signedAt.slice(0, 10);
  const name = sig.signedName;
  if (lang === 'es') {
    const by = recordedByName ?? 'un miembro del personal';
    switch (sig.method) {
      case 'electronic_account':
        return (
          `Firmado electrónicamente por ${name}, con su propia cuenta de Forefront ` +
          `(${sig.signerEmail ?? 'dirección no registrada'}), el ${on}`
        );
      case 'electronic_link':
        return (
          `Firmado electrónicamente por ${name} mediante un enlace de firma de un solo uso, tras confirmar ` +
          `${sig.signerEmail ?? 'su dirección'} con un código enviado por correo, el ${on}`
        );
      case 'paper':
        return `Firmado en papel (tinta) por ${name}; escaneo registrado por ${by} el ${on}`;
      default:
        return `Ingresado por ${by} como "${name}" el ${on}; no lo firmó el firmante en Forefront`;
    }
  }
  const by = recordedByName ?? 'a staff member';
  switch (sig.method) {
    case 'electronic_account':
      return `Signed electronically by ${name}, signed in to their own Forefront account (${sig.signerEmail ?? 'address not recorded'}), on ${on}`;
    case 'electronic_link':
      return (
        `Signed electronically by ${name} through a one-time signing link, after confirming ` +
        `${sig.signerEmail ?? 'their address'} with a mailed code, on ${on}`
      );
    case 'paper':
      return `Signed on paper (wet ink) by ${name}; scan recorded by ${by} on ${on}`;
    default:
      return `Entered by ${by} as "${name}" on ${on}; not signed by the signatory in Forefront`;
  }
}
