import { createContext, useCallback, useContext } from 'react';
import type { ShopSettings } from '@contract/shop.ts';
import type { Permission, Session } from '@contract/staff.ts';

export type SessionValue = {
  session: Session;
  settings: ShopSettings | null;
  signOut: () => void;
  /** A new sign-in took this one's place (a back-office user choosing a till register). */
  replaceSession: (session: Session) => void;
  /** The settings were changed (the Settings page): the header and forms use the new ones. */
  replaceSettings?: (settings: ShopSettings) => void;
};

export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in session; only rendered below the sign-in gate, so it is always there. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside a signed-in app');
  return value;
}

export function useCan(): (permission: Permission) => boolean {
  const { session } = useSession();
  return useCallback((permission) => session.permissions.includes(permission), [session]);
}
