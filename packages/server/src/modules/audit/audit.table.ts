import type { Selectable } from 'kysely';

export interface AuditEventTable {
  chain: string;
  seq: number;
  districtId: string | null;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  kind: string;
  /** Canonical JSON of the event's payload. */
  payload: string;
  prevHash: string;
  hash: string;
}
export type AuditEventRow = Selectable<AuditEventTable>;

export interface AuditHeadTable {
  chain: string;
  seq: number;
  hash: string;
}
