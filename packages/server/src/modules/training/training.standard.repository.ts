import {
  DEFAULT_TRAINING_STANDARD,
  TrainingRuleSchema,
  type GateMode,
  type TrainingPreset,
  type TrainingStandard,
} from '@forefront/contract';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { TrainingStandardTable } from './training.table.js';

const RulesSchema = z.array(TrainingRuleSchema);

/** The district's training standard; the default (the brief's 40 hours, warn) until one is saved. */
export async function findStandard(db: Db, districtId: string): Promise<TrainingStandard & { saved: boolean }> {
  const row = await db
    .selectFrom('trainingStandards')
    .select(['preset', 'rules', 'gateMode'])
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_TRAINING_STANDARD, saved: false };
  return {
    preset: row.preset as TrainingPreset | 'custom',
    rules: RulesSchema.parse(JSON.parse(row.rules)),
    gateMode: row.gateMode as GateMode,
    saved: true,
  };
}

/** Issue 14 item 2: writes the district's one standard row (update, else insert), in the caller's transaction. */
export async function upsertStandard(
  trx: Db,
  districtId: string,
  row: Omit<TrainingStandardTable, 'districtId'>,
): Promise<void> {
  const updated = await trx
    .updateTable('trainingStandards')
    .set(row)
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await trx
      .insertInto('trainingStandards')
      .values({ districtId, ...row })
      .execute();
}
