// The logged-in user (GET /api/me), shared by every page.
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';

interface SessionValue {
  /** undefined while the first probe runs, null when nobody is logged in. */
  me: Me | null | undefined;
  setMe(me: Me | null): void;
  refresh(): Promise<Me | null>;
  /** After the server ended the session: go to the log-in page showing `notice`, and forget the user. */
  signedOut(notice: string): void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me', { allowUnauthenticated: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    const current = await loadMe();
    setMe(current);
    return current;
  }, []);

  // One transition for both updates (router navigations are transitions): otherwise the workspace
  // guard would see no user on the old page first and redirect to /login?next=… itself.
  const signedOut = useCallback(
    (notice: string) => {
      startTransition(() => {
        navigate('/login', { replace: true, state: { notice } });
        setMe(null);
      });
    },
    [navigate],
  );

  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh]);

  const value = useMemo(() => ({ me, setMe, refresh, signedOut }), [me, refresh, signedOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The logged-in user, for pages rendered only behind RequireAuth. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe must be used behind RequireAuth');
  return me;
}
