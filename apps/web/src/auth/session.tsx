import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient, type Tokens } from '../api/client.js';
import { resources, type Resources } from '../api/resources.js';
import type { CurrentUser } from '../api/types.js';

export interface Session extends Tokens {
  user: CurrentUser;
}

interface SignedInBody {
  accessToken: string;
  refreshToken?: string;
  user?: CurrentUser;
}

const STORAGE_KEY = 'ews.session';

function stored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function store(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export interface SessionContextValue {
  session: Session | null;
  api: ApiClient;
  login: (email: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  /** Keeps the signed-in user's fields (their language) in step after a change. */
  updateUser: (user: Partial<CurrentUser>) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * The signed-in user and an API client carrying their token. The accounts API: POST /auth/login
 * `{ email, password }` and POST /auth/refresh `{ refreshToken }` answer `{ accessToken,
 * refreshToken, user }`; GET /auth/me answers the user when a sign-in answer lacks it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const ref = useRef(session);
  const save = useCallback((next: Session | null) => {
    ref.current = next;
    store(next);
    setSession(next);
  }, []);

  const api = useMemo(() => {
    let refreshing: Promise<boolean> | null = null;
    const refresh = (): Promise<boolean> => {
      const current = ref.current;
      if (!current?.refreshToken) return Promise.resolve(false);
      refreshing ??= (async () => {
        try {
          const response = await fetch('/auth/refresh', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ refreshToken: current.refreshToken }),
          });
          if (!response.ok) return false;
          const body = (await response.json()) as SignedInBody;
          save({ accessToken: body.accessToken, refreshToken: body.refreshToken ?? current.refreshToken, user: body.user ?? current.user });
          return true;
        } catch {
          return false;
        } finally {
          refreshing = null;
        }
      })();
      return refreshing;
    };
    return new ApiClient(
      () => ref.current,
      refresh,
      () => save(null),
    );
  }, [save]);

  const login = useCallback(
    async (email: string, password: string) => {
      const body = await api.post<SignedInBody>('/auth/login', { email, password });
      ref.current = { accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user as CurrentUser };
      const user = body.user ?? (await api.get<CurrentUser>('/auth/me'));
      const next = { accessToken: body.accessToken, refreshToken: body.refreshToken, user };
      save(next);
      return next;
    },
    [api, save],
  );

  const logout = useCallback(async () => {
    const current = ref.current;
    try {
      if (current) await api.post('/auth/logout', current.refreshToken ? { refreshToken: current.refreshToken } : {});
    } catch {
      // Signing out locally must work even when the server no longer knows the session.
    }
    save(null);
  }, [api, save]);

  const updateUser = useCallback(
    (user: Partial<CurrentUser>) => {
      if (ref.current) save({ ...ref.current, user: { ...ref.current.user, ...user } });
    },
    [save],
  );

  const value = useMemo(() => ({ session, api, login, logout, updateUser }), [session, api, login, logout, updateUser]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The client, for pages that are only shown to a signed-in user. */
export const useApi = (): ApiClient => useSession().api;

/** Typed calls to the API's resources with the signed-in user's token. */
export function useResources(): Resources {
  const api = useApi();
  return useMemo(() => resources(api), [api]);
}
