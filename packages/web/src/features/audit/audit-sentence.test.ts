import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENT_KINDS, AuditEventSchema, type AuditEntry } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { DERIVED_PARAMS, auditSentence } from './audit-sentence';

/**
 * Issue 13: every audit event kind reads as a sentence in English and Spanish, and each sentence
 * uses only words the entry can supply (its payload's fields, or the few derived ones).
 */
type Tree = { [key: string]: string | Tree };
const sentenceOf = (tree: Tree, kind: string): unknown =>
  kind
    .split('.')
    .reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], (tree.auditLog as Tree).sentences);

/** Every `{{name}}` or `{{name.sub}}` a template uses, by its first segment. */
const placeholders = (s: string) => [...s.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]!.split('.')[0]!);

const fieldsOf = (kind: string) => {
  const option = AuditEventSchema.options.find((o) => o.shape.kind.value === kind)!;
  return Object.keys(option.shape).filter((k) => k !== 'kind');
};

/** A payload with every field of the kind, each a value of its schema's type. */
type Def = { type?: string; shape?: Record<string, { def?: Def }>; innerType?: { def?: Def } };
const sampleOf = (def: Def | undefined): unknown => {
  switch (def?.type) {
    case 'boolean':
      return true;
    case 'number':
      return 3;
    case 'array':
      return ['x'];
    case 'record':
      return {};
    case 'object':
      return Object.fromEntries(Object.entries(def.shape!).map(([k, v]) => [k, sampleOf(v.def)]));
    case 'nullable':
    case 'optional':
      return sampleOf(def.innerType?.def);
    default:
      return 'x';
  }
};
const samplePayload = (kind: string) => {
  const option = AuditEventSchema.options.find((o) => o.shape.kind.value === kind)!;
  const shape = option.shape as unknown as Record<string, { def?: Def }>;
  return Object.fromEntries(fieldsOf(kind).map((k) => [k, sampleOf(shape[k]!.def)]));
};

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  seq: 7,
  chain: 'd1',
  at: '2026-10-01T14:00:00.000Z',
  actorId: 'u1',
  actorRole: 'district_admin',
  actorName: 'Maria Lopez',
  kind: 'incident.viewed',
  payload: {},
  labels: {},
  hash: 'ab'.repeat(32),
  ...over,
});

describe('audit event sentences', () => {
  const t: Record<'en' | 'es', TFunction> = {} as never;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      showSupportNotice: false,
      resources: { en: { translation: en }, es: { translation: es } },
      interpolation: { escapeValue: false },
    });
    t.en = i18n.getFixedT('en');
    t.es = i18n.getFixedT('es');
  });

  it('has a sentence for every event kind in both languages, using only what the entry carries', () => {
    const problems: string[] = [];
    for (const kind of AUDIT_EVENT_KINDS) {
      const allowed = new Set<string>([...fieldsOf(kind), ...DERIVED_PARAMS]);
      for (const [lang, tree] of [
        ['en', en],
        ['es', es],
      ] as const) {
        const s = sentenceOf(tree, kind);
        if (typeof s !== 'string' || s.trim() === '') {
          problems.push(`${kind}: no sentence in ${lang}`);
          continue;
        }
        for (const p of placeholders(s)) if (!allowed.has(p)) problems.push(`${kind} (${lang}): unknown {{${p}}}`);
      }
    }
    expect(problems).toEqual([]);
    expect(AUDIT_EVENT_KINDS.length).toBeGreaterThan(40); // the contract's list was really walked
  });

  it('renders the example of the issue in English and Spanish', () => {
    const e = entry({ payload: { incidentId: 'i-1' }, labels: { incidentId: 'INC-2026-000041' } });
    expect(auditSentence(e, t.en, 'en')).toBe('Maria Lopez viewed incident INC-2026-000041.');
    expect(auditSentence(e, t.es, 'es')).toBe('Maria Lopez consultó el incidente INC-2026-000041.');
  });

  it('says who acted when no name is known, and shows an unlabelled id short', () => {
    const stranger = entry({ actorName: null, actorRole: 'state_viewer', payload: { incidentId: 'abcdef0123456789' } });
    expect(auditSentence(stranger, t.en, 'en')).toBe('Someone with the role State viewer viewed incident #abcdef01.');
    const system = entry({ actorName: null, actorRole: null, actorId: null, kind: 'auth.signed_in', payload: {} });
    expect(auditSentence(system, t.es, 'es')).toBe('Forefront (automático) inició sesión.');
  });

  it('puts statuses, results and lists into words of the reader', () => {
    const moved = entry({
      kind: 'incident.transitioned',
      payload: { incidentId: 'i-1', from: 'submitted', to: 'reviewed' },
      labels: { incidentId: 'INC-2026-000002' },
    });
    expect(auditSentence(moved, t.es, 'es')).toBe(
      `Maria Lopez pasó el incidente INC-2026-000002 de ${es.incidents.states.submitted} a ${es.incidents.states.reviewed}.`,
    );
    const verified = entry({ kind: 'audit.verified', payload: { ok: true, checked: 1234 } });
    expect(auditSentence(verified, t.en, 'en')).toBe(
      'Maria Lopez verified the audit chain: 1,234 entries checked, intact.',
    );
    expect(auditSentence({ ...verified, payload: { ok: false, checked: 3 } }, t.es, 'es')).toBe(
      'Maria Lopez verificó la cadena de auditoría: 3 entradas revisadas, rota.',
    );
    const viewed = entry({ kind: 'audit.viewed', payload: { filters: {} } });
    expect(auditSentence(viewed, t.es, 'es')).toBe('Maria Lopez consultó el registro de auditoría (sin filtros).');
  });

  it('says codes of the server in words: changed fields, sign-in failures, job kinds', () => {
    const changed = entry({ kind: 'user.updated', payload: { userId: 'u2', fields: ['role', 'schoolIds'] } });
    expect(auditSentence({ ...changed, labels: { userId: 'Ana Ruiz' } }, t.es, 'es')).toBe(
      'Maria Lopez cambió la cuenta de Ana Ruiz (rol, escuelas).',
    );
    const failed = entry({
      kind: 'auth.sign_in_failed',
      payload: { userId: 'u2', reason: 'totp' },
      labels: { userId: 'Ana Ruiz' },
    });
    expect(auditSentence(failed, t.en, 'en')).toBe('A sign-in as Ana Ruiz failed (reason: wrong verification code).');
    const job = entry({ kind: 'job.started', payload: { jobId: 'j', jobKind: 'incident.export.csv', rerunOf: null } });
    expect(auditSentence(job, t.es, 'es')).toBe('Maria Lopez inició una tarea: exportación de incidentes (CSV).');
    // A kind of job this version does not know yet is named by its code rather than dropped.
    expect(auditSentence({ ...job, payload: { ...job.payload, jobKind: 'new.kind' } }, t.en, 'en')).toBe(
      'Maria Lopez started a job: new.kind.',
    );
  });

  it('renders every kind without a placeholder left over, in both languages', () => {
    for (const kind of AUDIT_EVENT_KINDS)
      for (const lang of ['en', 'es'] as const) {
        const s = auditSentence(entry({ kind, payload: samplePayload(kind) }), t[lang], lang);
        // Not the fallback for kinds this app does not know ("Maria Lopez: incident.viewed").
        expect(s, `${kind} ${lang}`).not.toContain(kind);
        expect(s, `${kind} ${lang}`).not.toMatch(/{{|}}|auditLog\.|undefined|\[object/);
      }
  });
});
