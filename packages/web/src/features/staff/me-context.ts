import { createContext, useContext } from 'react';
import type { Action, District, Me } from '@forefront/contract';

export const MeContext = createContext<Me | null>(null);

/** The signed-in account; only used below StaffApp, which renders nothing until it is known. */
export function useCurrentMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentMe() used outside the staff app');
  return me;
}

/**
 * Whether the account may take an action somewhere in its scope. This shapes navigation only;
 * the server checks every request against the same policy table.
 */
export function useCan(): (action: Action) => boolean {
  const me = useCurrentMe();
  return (action) => me.allowedActions.includes(action);
}

/** Most staff pages are about the account's own district; state viewers have none. */
export function useOwnDistrict(): District | null {
  return useCurrentMe().district;
}
