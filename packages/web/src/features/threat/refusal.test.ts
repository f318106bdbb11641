import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { refusalItems } from './refusal';

const conflict = (params: Record<string, string | string[]>) =>
  new ApiError(409, { code: 'conflict', message: 'English for API clients', params });

describe('refusalItems', () => {
  it('names the missing roles and ignores codes the contract does not know', () => {
    expect(refusalItems(conflict({ reason: 'team_missing_roles', roles: ['law_enforcement', 'wizard'] }), [])).toEqual([
      { kind: 'role', role: 'law_enforcement' },
    ]);
  });

  it('names the steps still to do', () => {
    const error = conflict({ reason: 'steps_missing', steps: ['monitoring', 'parent_contact'] });
    expect(refusalItems(error, [])).toEqual([
      { kind: 'step', step: 'monitoring' },
      { kind: 'step', step: 'parent_contact' },
    ]);
  });

  it("names a waiting referral by the case's own copy, else by the server's label", () => {
    const error = conflict({
      reason: 'referral_awaits_follow_up',
      referrals: ['counselor · Ana Ruiz · r1', 'psychologist · — · r2'],
      referralIds: ['r1', 'r2'],
    });
    expect(refusalItems(error, [{ id: 'r1', kind: 'counselor', providerName: 'Ana Ruiz' }])).toEqual([
      {
        kind: 'referral',
        id: 'r1',
        providerKind: 'counselor',
        provider: 'Ana Ruiz',
        label: 'counselor · Ana Ruiz · r1',
      },
      { kind: 'referral', id: 'r2', providerKind: null, provider: null, label: 'psychologist · — · r2' },
    ]);
  });

  it('has nothing to add for other errors', () => {
    expect(refusalItems(conflict({ reason: 'case_closed' }), [])).toEqual([]);
    expect(refusalItems(new ApiError(404, { code: 'not_found', message: 'x' }), [])).toEqual([]);
    expect(refusalItems(new Error('boom'), [])).toEqual([]);
  });
});
