import {
  DEFAULT_TRAINING_STANDARD,
  TrainingRuleSchema,
  type GateMode,
  type TrainingPreset,
  type TrainingStandard,
} from '@forefront/contract';
import { z } from 'zod';
import type { Db } from '../../db/database.js';

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
