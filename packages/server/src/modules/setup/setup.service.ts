import { type SetupInput, isMfaRequired } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, UnauthorizedError } from '../../shared/errors.js';
import { newId, newToken, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { checkPasswordRules, hashPassword } from '../auth/password.js';
import { countDistricts } from '../districts/district.repository.js';
import { createDistrictIn } from '../districts/district.service.js';

const SETUP_KEY = 'setup_token_sha256';

export const isSetupNeeded = async (ctx: AppContext) => (await countDistricts(ctx.db)) === 0;

/**
 * First run: a one-time link, printed to whoever started the server, is the only way to create
 * the first district and administrator. Each call replaces the previous link.
 */
export async function issueSetupLink(ctx: AppContext): Promise<string> {
  const token = newToken();
  const value = sha256Hex(token);
  await ctx.db
    .insertInto('settings')
    .values({ key: SETUP_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return `${ctx.config.publicUrl}/setup?token=${token}`;
}

export async function completeSetup(ctx: AppContext, input: SetupInput) {
  const stored = await ctx.db.selectFrom('settings').select('value').where('key', '=', SETUP_KEY).executeTakeFirst();
  if (!stored || stored.value !== sha256Hex(input.token))
    throw new UnauthorizedError(
      'This setup link is not valid; run `npx forefront setup` for a new one',
      'invalid_setup_token',
    );
  if (!(await isSetupNeeded(ctx))) throw new ConflictError('Forefront is already set up', 'already_set_up');
  checkPasswordRules(input.admin.password, 'district_admin', input.admin.email);
  const passwordHash = await hashPassword(ctx.config, input.admin.password);
  return ctx.db.transaction().execute(async (trx) => {
    // Use up the link first, and only if it is still the stored one: requests that raced past the
    // checks above (hashing the password yields the event loop) find it gone and create nothing.
    const used = await trx
      .deleteFrom('settings')
      .where('key', '=', SETUP_KEY)
      .where('value', '=', sha256Hex(input.token))
      .executeTakeFirst();
    if (Number(used.numDeletedRows) !== 1)
      throw new UnauthorizedError(
        'This setup link is not valid; run `npx forefront setup` for a new one',
        'invalid_setup_token',
      );
    if (!(await isSetupNeeded({ ...ctx, db: trx })))
      throw new ConflictError('Forefront is already set up', 'already_set_up');
    const district = await createDistrictIn(trx, ctx, null, input.district);
    const now = nowIso();
    const adminId = newId();
    await trx
      .insertInto('users')
      .values({
        id: adminId,
        districtId: district.id,
        email: input.admin.email,
        displayName: input.admin.displayName,
        role: 'district_admin',
        profession: null,
        state: null,
        passwordHash,
        mfaSecret: null,
        mfaEnabled: 0,
        disabled: 0,
        accessExpiresAt: null,
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: { userId: adminId, role: 'district_admin' }, districtId: district.id },
      { kind: 'setup.completed', districtId: district.id, adminUserId: adminId },
    );
    return { districtId: district.id, mfaRequired: isMfaRequired('district_admin') };
  });
}
