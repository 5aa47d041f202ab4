import { useState, type FormEvent, type ReactNode } from 'react';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { Link, navigate, useRoute } from '../router/hash-router.js';
import { LoadState, PageHeading, Pager, useLoad } from './common.js';
import { Field } from './field.js';

export interface Column<T> {
  header: MessageKey;
  cell: (item: T) => ReactNode;
  /** Short values (a status, a button) that must not wrap letter by letter. */
  nowrap?: boolean;
}

export interface ListQuery {
  page: number;
  search: string;
  filters: Record<string, string>;
}

/**
 * A searchable, paged table of one resource. Search text and page live in the URL, so the back
 * button and a shared link restore the same view.
 */
export function ResourceList<T extends { id: string }>(props: {
  title: MessageKey;
  path: string;
  columns: Column<T>[];
  load: (query: ListQuery) => Promise<Page<T>>;
  /** Extra filter controls; their values are URL query parameters named in `filterNames`. */
  filterNames?: string[];
  renderFilters?: (values: Record<string, string>, set: (name: string, value: string) => void) => ReactNode;
  searchable?: boolean;
  canCreate?: boolean;
}) {
  const { t } = useI18n();
  const route = useRoute();
  const page = Number(route.query.get('page') ?? '1') || 1;
  const search = route.query.get('search') ?? '';
  const filters = Object.fromEntries((props.filterNames ?? []).map((name) => [name, route.query.get(name) ?? '']));
  const [draft, setDraft] = useState({ search, ...filters });
  const loaded = useLoad(() => props.load({ page, search, filters }), [page, search, JSON.stringify(filters)]);

  const go = (next: Record<string, string>, nextPage = 1) =>
    navigate(props.path, { ...next, page: nextPage > 1 ? String(nextPage) : undefined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(draft);
  };
  const nameColumn = props.columns[0];
  return (
    <section aria-labelledby="list-heading">
      <PageHeading
        actions={
          props.canCreate !== false && (
            <Link className="button button--primary" to={`${props.path}/new`}>
              {t('common.new')}
            </Link>
          )
        }
      >
        <span id="list-heading">{t(props.title)}</span>
      </PageHeading>
      {(props.searchable !== false || props.renderFilters) && (
        <form className="filters" role="search" onSubmit={submit}>
          {props.searchable !== false && (
            <Field label={t('common.search')}>
              {(control) => (
                <input {...control} type="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
              )}
            </Field>
          )}
          {props.renderFilters?.(draft, (name, value) => setDraft({ ...draft, [name]: value }))}
          <button type="submit">{t('common.search')}</button>
        </form>
      )}
      <LoadState loaded={loaded}>
        {loaded.data && (
          <>
            <table className="table">
              <caption className="visually-hidden">{t(props.title)}</caption>
              <thead>
                <tr>
                  {props.columns.map((column) => (
                    <th key={column.header} scope="col">
                      {t(column.header)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {loaded.data.items.map((item) => (
                  <tr key={item.id}>
                    {props.columns.map((column, index) =>
                      index === 0 ? (
                        <th key={column.header} scope="row">
                          <Link to={`${props.path}/${item.id}`}>{column.cell(item)}</Link>
                        </th>
                      ) : (
                        <td key={column.header} className={column.nowrap ? 'nowrap' : undefined}>
                          {column.cell(item)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {nameColumn && (
              <Pager
                page={loaded.data.page}
                pageSize={loaded.data.pageSize}
                total={loaded.data.total}
                onPage={(next) => go({ search, ...filters }, next)}
              />
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
