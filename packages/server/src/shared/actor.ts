import type { PolicyActor, Role } from '@forefront/contract';

/** Who is making a request, as loaded fresh from the database on every request. */
export interface Actor extends PolicyActor {
  userId: string;
  role: Role;
  sessionId: string;
}

/** The actor recorded on audit events written by the CLI or the system itself. */
export type AuditActor = Pick<Actor, 'userId' | 'role'> | null;
