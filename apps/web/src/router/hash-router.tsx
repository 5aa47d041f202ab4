import { useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

/**
 * Client routes live in the URL's hash (`/#/coordinator/institutions?search=喀什`), so they never
 * reach the server and can never collide with an API path.
 */
export interface Route {
  /** `/coordinator/institutions/123` */
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function current(): Route {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]));
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | undefined> = {}, replace = false): void {
  const target = href(path, query);
  if (replace) window.history.replaceState(null, '', target);
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = target.slice(1);
}

export function Link({
  to,
  query,
  ...rest
}: { to: string; query?: Record<string, string | undefined> } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={href(to, query)} {...rest} />;
}

/** Marks the current page's link for assistive technology (`aria-current="page"`). */
export function NavLink({ to, route, children }: { to: string; route: Route; children: ReactNode }) {
  const active = route.path === to || route.path.startsWith(`${to}/`);
  return (
    <a href={href(to)} aria-current={active ? 'page' : undefined}>
      {children}
    </a>
  );
}
