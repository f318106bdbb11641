import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/20261127T0001_foundation.js';
import * as m0002 from './migrations/20261127T0002_totp_replay.js';
import * as m0003 from './migrations/20261128T0003_incident_log.js';
import * as m0004 from './migrations/20261128T0004_crdc_index.js';
import * as m0005 from './migrations/20261128T0005_crdc.js';
import * as m0006 from './migrations/20261128T0006_release_ledger.js';
import * as m0007 from './migrations/20261128T0007_transparency.js';
import * as m0008 from './migrations/20261128T0008_page_etag.js';
import * as m0101 from './migrations/20261207T0101_district_clock.js';
import * as m0201 from './migrations/20261207T0201_outside_referrals.js';
import * as m0301 from './migrations/20261207T0301_crdc_offenses_restraint.js';
import * as m0401 from './migrations/20261207T0401_mou_signature_methods.js';
import * as m0501 from './migrations/20261207T0501_jobs.js';
import * as m0701 from './migrations/20261207T0701_unknown_sign_in_failures.js';
import * as m0201s from './migrations/20261208T0201_state_jobs.js';
import * as mouLanguage from './migrations/20261208T0701_mou_language.js';
import * as m0801 from './migrations/20261208T0801_weapon_incidents.js';
import * as training from './migrations/20261209T0101_training.js';
import * as complianceFingerprint from './migrations/20261209T0501_compliance_fingerprint.js';
import * as publicTraining from './migrations/20261209T0601_public_training.js';
import * as threatAssessment from './migrations/20261210T0101_threat_assessment.js';
import * as threatCaseList from './migrations/20261210T0111_threat_case_list.js';
import * as threatCaseOrder from './migrations/20261210T0201_threat_case_order.js';
import * as referralListIndex from './migrations/20261210T0301_referral_list_index.js';

/** Migrations are listed explicitly (no directory scanning), in order, for both databases. */
const MIGRATIONS: Record<string, Migration> = {
  '20261127T0001_foundation': m0001,
  '20261127T0002_totp_replay': m0002,
  '20261128T0003_incident_log': m0003,
  '20261128T0004_crdc_index': m0004,
  '20261128T0005_crdc': m0005,
  '20261128T0006_release_ledger': m0006,
  '20261128T0007_transparency': m0007,
  '20261128T0008_page_etag': m0008,
  '20261207T0101_district_clock': m0101,
  '20261207T0201_outside_referrals': m0201,
  '20261207T0301_crdc_offenses_restraint': m0301,
  '20261207T0401_mou_signature_methods': m0401,
  '20261207T0501_jobs': m0501,
  '20261207T0701_unknown_sign_in_failures': m0701,
  '20261208T0201_state_jobs': m0201s,
  '20261208T0701_mou_language': mouLanguage,
  '20261208T0801_weapon_incidents': m0801,
  '20261209T0101_training': training,
  '20261209T0501_compliance_fingerprint': complianceFingerprint,
  '20261209T0601_public_training': publicTraining,
  '20261210T0101_threat_assessment': threatAssessment,
  '20261210T0111_threat_case_list': threatCaseList,
  '20261210T0201_threat_case_order': threatCaseOrder,
  '20261210T0301_referral_list_index': referralListIndex,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

const migratorOf = (db: Db) =>
  new Migrator({
    db,
    provider,
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });

export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await migratorOf(db).migrateToLatest());
}

/** Up (or down) to a named migration: tests of a migration that changes existing rows. */
export async function migrateTo(db: Db, name: keyof typeof MIGRATIONS): Promise<string[]> {
  return check(await migratorOf(db).migrateTo(name));
}

function check({ error, results }: Awaited<ReturnType<Migrator['migrateToLatest']>>): string[] {
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
