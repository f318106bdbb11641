import { ACTIONS, type Me, scopeOf } from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import * as districts from '../districts/district.repository.js';
import { toDistrict } from '../districts/district.service.js';
import { readSelf } from '../users/user.service.js';

/** Who am I and what may I do: the web app builds its navigation from `allowedActions`. */
export async function readMe(ctx: AppContext, actor: Actor, csrfToken: string, mfaPending: boolean): Promise<Me> {
  const user = await readSelf(ctx, actor);
  const d = actor.districtId ? await districts.findDistrict(ctx.db, actor.districtId) : undefined;
  return {
    user,
    district: d ? toDistrict(d) : null,
    allowedActions: mfaPending ? [] : ACTIONS.filter((a) => scopeOf(actor.role, a) !== 'none'),
    csrfToken,
    mfaPending,
  };
}
