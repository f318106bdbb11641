import type { PolicyActor, Role } from '@forefront/contract';

/** Who is making a request, as the database holds it when the request starts (plugins/auth.ts). */
export interface Actor extends PolicyActor {
  userId: string;
  role: Role;
  sessionId: string;
}

/** The actor recorded on audit events written by the CLI or the system itself. */
export type AuditActor = Pick<Actor, 'userId' | 'role'> | null;
