import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiProblem } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  reload: () => void;
}

const asProblem = (error: unknown): ApiProblem =>
  error instanceof ApiProblem ? error : new ApiProblem(0, 'CLIENT', (error as Error).message);

/** Loads `load()` now and whenever `deps` change; a late answer to an older request is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => call === latest.current && setState({ data, loading: false }),
      (error: unknown) => call === latest.current && setState({ error: asProblem(error), loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Runs an action (save, delete, publish), keeping its problem for the form to show. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setProblem(undefined);
      try {
        return await action(...args);
      } catch (error) {
        setProblem(asProblem(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, problem, setProblem };
}

/** A problem in words: for a form, a summary pointing at the fields; otherwise the API's detail. */
export function ProblemAlert({ problem }: { problem: ApiProblem | undefined }) {
  const { t } = useI18n();
  if (!problem) return null;
  const text = problem.errors.length
    ? t('common.formErrors', { count: problem.errors.length })
    : t('common.error', { detail: problem.detail });
  return (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--ok" role="status">
      {children}
    </div>
  );
}

/** A page section whose API has not landed answers 404 for its route: say so instead of failing. */
export function LoadState({ loaded, children }: { loaded: Loaded<unknown>; children: ReactNode }) {
  const { t } = useI18n();
  if (loaded.error?.code === 'ROUTE_NOT_FOUND') return <p className="muted">{t('app.unavailable', { detail: loaded.error.detail })}</p>;
  if (loaded.error) return <ProblemAlert problem={loaded.error} />;
  if (loaded.loading && loaded.data === undefined) return <p aria-live="polite">{t('app.loading')}</p>;
  return <>{children}</>;
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('common.page', { page, pages })}>
      <span>{t('common.total', { count: total })}</span>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t('common.previous')}
      </button>
      <span aria-live="polite">{t('common.page', { page, pages })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {t('common.next')}
      </button>
    </nav>
  );
}

// After the first page, each client-side page change moves focus to the new page's heading.
let navigated = false;
window.addEventListener('hashchange', () => (navigated = true));

/**
 * A page's heading. Arriving on it by a client-side navigation moves focus there, so keyboard and
 * screen-reader users start at the new content; on a fresh load focus stays at the top, where the
 * skip link is the first stop.
 */
export function PageHeading({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigated) ref.current?.focus();
  }, []);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {actions && <div className="page-heading__actions">{actions}</div>}
    </div>
  );
}

export const splitList = (text: string): string[] =>
  text
    .split(/[,，、\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
