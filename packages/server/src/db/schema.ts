import type { AuditEventTable, AuditHeadTable } from '../modules/audit/audit.table.js';
import type { RecoveryCodeTable, SessionTable } from '../modules/auth/auth.table.js';
import type { DistrictTable, SchoolTable } from '../modules/districts/district.table.js';
import type { MailOutboxTable } from '../modules/mail/mail.table.js';
import type { SettingTable } from '../modules/setup/setting.table.js';
import type { InvitationTable, UserSchoolTable, UserTable } from '../modules/users/user.table.js';

/** The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case SQL). */
export interface Database {
  districts: DistrictTable;
  schools: SchoolTable;
  users: UserTable;
  userSchools: UserSchoolTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  recoveryCodes: RecoveryCodeTable;
  auditEvents: AuditEventTable;
  auditHeads: AuditHeadTable;
  mailOutbox: MailOutboxTable;
  settings: SettingTable;
}
