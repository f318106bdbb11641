import { describe, expect, it } from 'vitest';
import { defaultRange } from './role-drift.api';

describe('the role-drift default window', () => {
  it("is this month on the district's clock and the five before it", () => {
    // 21:00 on 30 June in New York is already 1 July in UTC.
    const at = new Date('2025-07-01T01:00:00Z');
    expect(defaultRange('America/New_York', at)).toEqual({ from: '2025-01', to: '2025-06' });
    expect(defaultRange('UTC', at)).toEqual({ from: '2025-02', to: '2025-07' });
    expect(defaultRange('UTC', new Date('2026-03-15T12:00:00Z'))).toEqual({ from: '2025-10', to: '2026-03' });
  });
});
