import {
  PRESET_RULES,
  TRAINING_PRESETS,
  type TrainingPresetList,
  type TrainingStandard,
  type TrainingStandardView,
} from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { ValidationError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import { findStandard, upsertStandard } from './training.standard.repository.js';

/**
 * Issue 14 item 2: the district's training standard. The rules' shape is checked by the route's
 * schema (the contract's TrainingStandardSchema); here, what needs the district: each credential
 * rule must name one of the district's credential types.
 */
export async function readStandard(ctx: AppContext, actor: Actor, districtId: string): Promise<TrainingStandardView> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.read', districtId);
  return findStandard(ctx.db, d.id);
}

export async function listPresets(ctx: AppContext, actor: Actor, districtId: string): Promise<TrainingPresetList> {
  await loadDistrictFor(ctx.db, actor, 'training.read', districtId);
  return { items: TRAINING_PRESETS.map((preset) => ({ preset, rules: [...PRESET_RULES[preset]] })) };
}

export async function saveStandard(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: TrainingStandard,
): Promise<TrainingStandardView> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.standard', districtId);
  await ctx.db.transaction().execute(async (trx) => {
    const known = new Set((await credentialTypesOf(trx, d.id)).map((c) => c.key));
    const issues = input.rules.flatMap((rule, i) =>
      rule.kind === 'credential' && !known.has(rule.credential)
        ? [
            {
              path: `rules.${i}.credential`,
              code: 'unknown_credential' as const,
              params: { value: rule.credential },
              message: `No credential type "${rule.credential}" in this district`,
            },
          ]
        : [],
    );
    if (issues.length) throw new ValidationError('A rule names an unknown credential type', issues);
    await upsertStandard(trx, d.id, {
      preset: input.preset,
      rules: JSON.stringify(input.rules),
      gateMode: input.gateMode,
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      {
        kind: 'training.standard_updated',
        preset: input.preset,
        ruleKeys: input.rules.map((r) => r.key),
        gateMode: input.gateMode,
      },
    );
  });
  return findStandard(ctx.db, d.id);
}
