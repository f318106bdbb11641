import { CASE_STEPS, TEAM_ROLES, type CaseDetail, type CaseStep, type TeamRole } from '@forefront/contract';
import { ApiError } from '../../api/client';

/**
 * What a refused step names: the server's conflict carries the missing roles, the steps still to
 * do, or the referrals awaiting follow-up as params (codes and ids, never sentences), so the page
 * can name each in the reader's language.
 */
export type RefusalItem =
  | { kind: 'role'; role: TeamRole }
  | { kind: 'step'; step: CaseStep }
  | { kind: 'referral'; id: string; providerKind: string | null; provider: string | null; label: string };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function refusalItems(
  error: unknown,
  referrals: Pick<CaseDetail['referrals'][number], 'id' | 'kind' | 'providerName'>[],
): RefusalItem[] {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return [];
  const p = error.params;
  switch (p.reason) {
    case 'team_missing_roles':
      return strings(p.roles)
        .filter((r): r is TeamRole => (TEAM_ROLES as readonly string[]).includes(r))
        .map((role) => ({ kind: 'role', role }));
    case 'steps_missing':
      return strings(p.steps)
        .filter((s): s is CaseStep => (CASE_STEPS as readonly string[]).includes(s))
        .map((step) => ({ kind: 'step', step }));
    case 'referral_awaits_follow_up': {
      const labels = strings(p.referrals);
      return strings(p.referralIds).map((id, i) => {
        const known = referrals.find((r) => r.id === id);
        return {
          kind: 'referral',
          id,
          providerKind: known?.kind ?? null,
          provider: known?.providerName ?? null,
          label: labels[i] ?? id,
        };
      });
    }
    default:
      return [];
  }
}
