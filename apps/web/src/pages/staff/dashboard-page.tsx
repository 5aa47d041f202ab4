import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/session.js';
import { LoadState, PageHeading, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Chart } from '../../components/chart.js';
import { Field } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { navigate, useRoute } from '../../router/hash-router.js';
import { exportReport, loadReport, type Measures, type ReportFilters, type TeachingReport } from './reports-api.js';

type Measure = 'activities' | 'teachingPeriods' | 'participations' | 'teachers';
const MEASURES: { key: Measure; label: MessageKey }[] = [
  { key: 'activities', label: 'dashboard.activities' },
  { key: 'teachingPeriods', label: 'dashboard.hours' },
  { key: 'participations', label: 'dashboard.participations' },
  { key: 'teachers', label: 'dashboard.teachers' },
];
/** Teachers involved: eastern instructors and western host teachers, two distinct sets. */
const valueOf = (m: Measures, measure: Measure) => (measure === 'teachers' ? m.instructors + m.westernTeachers : m[measure]);
const FILTERS = ['periodFrom', 'periodTo', 'region', 'province', 'discipline'] as const;

/**
 * Program staff's view of the teaching that happened: totals, then by province, month and
 * discipline, filtered by period and place, each chart followed by its table, and exports.
 */
export function DashboardPage() {
  const { t, locale, number } = useI18n();
  const api = useApi();
  const route = useRoute();
  const filters: ReportFilters = Object.fromEntries(FILTERS.map((name) => [name, route.query.get(name) ?? undefined]).filter(([, v]) => v));
  const [draft, setDraft] = useState<ReportFilters>(filters);
  const [measure, setMeasure] = useState<Measure>('activities');
  const key = JSON.stringify(filters);
  const total = useLoad(() => loadReport(api, [], filters), [key]);
  const byProvince = useLoad(() => loadReport(api, ['province'], filters), [key]);
  const byMonth = useLoad(() => loadReport(api, ['month'], filters), [key]);
  const byDiscipline = useLoad(() => loadReport(api, ['discipline'], filters), [key]);
  const download = useAction(async (format: 'csv' | 'xlsx') => {
    const file = await exportReport(api, format, locale === 'zh-CN' ? 'zh' : 'en', ['province'], filters);
    const url = URL.createObjectURL(file);
    const link = Object.assign(document.createElement('a'), { href: url, download: `teaching-activities.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(route.path, Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v || undefined])));
  };
  const label = (report: TeachingReport, row: TeachingReport['rows'][number]) => {
    const group = row.group[report.groupBy[0] ?? ''];
    return group ? (locale === 'zh-CN' ? group.labelZh : group.label) : '';
  };
  const measureLabel = t(MEASURES.find((m) => m.key === measure)!.label);

  const section = (title: MessageKey, loaded: typeof byProvince, kind: 'bar' | 'line', horizontal = false) => (
    <section className="chart-section" aria-labelledby={`chart-${title}`}>
      <h2 id={`chart-${title}`}>
        {t(title)} · {measureLabel}
      </h2>
      <LoadState loaded={loaded}>
        {loaded.data && (
          <>
            <Chart
              kind={kind}
              horizontal={horizontal}
              locale={locale}
              label={`${t(title)} · ${measureLabel}`}
              categories={loaded.data.rows.map((row) => label(loaded.data!, row))}
              series={[{ name: measureLabel, values: loaded.data.rows.map((row) => valueOf(row.measures, measure)) }]}
            />
            <details>
              <summary>{t('dashboard.table')}</summary>
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t(title)}</th>
                    {MEASURES.map((m) => (
                      <th scope="col" key={m.key}>
                        {t(m.label)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {loaded.data.rows.map((row, index) => (
                    <tr key={index}>
                      <th scope="row">{label(loaded.data!, row)}</th>
                      {MEASURES.map((m) => (
                        <td key={m.key}>{number(valueOf(row.measures, m.key), 1)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </LoadState>
    </section>
  );

  return (
    <section>
      <PageHeading
        actions={
          <>
            <button type="button" onClick={() => void download.run('csv')} disabled={download.busy}>
              {t('dashboard.exportCsv')}
            </button>
            <button type="button" onClick={() => void download.run('xlsx')} disabled={download.busy}>
              {t('dashboard.exportXlsx')}
            </button>
          </>
        }
      >
        {t('nav.dashboard')}
      </PageHeading>
      <ProblemAlert problem={download.problem} />
      <form className="filters" onSubmit={submit} aria-label={t('dashboard.apply')}>
        <Field label={t('dashboard.from')}>
          {(c) => (
            <input
              {...c}
              type="month"
              value={draft.periodFrom ?? ''}
              onChange={(e) => setDraft({ ...draft, periodFrom: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('dashboard.to')}>
          {(c) => (
            <input {...c} type="month" value={draft.periodTo ?? ''} onChange={(e) => setDraft({ ...draft, periodTo: e.target.value })} />
          )}
        </Field>
        <Field label={t('dashboard.region')}>
          {(c) => (
            <select {...c} value={draft.region ?? ''} onChange={(e) => setDraft({ ...draft, region: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {(['east', 'west', 'international'] as const).map((region) => (
                <option key={region} value={region}>
                  {t(`region.${region}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('dashboard.province')}>
          {(c) => <input {...c} value={draft.province ?? ''} onChange={(e) => setDraft({ ...draft, province: e.target.value })} />}
        </Field>
        <Field label={t('common.discipline')}>
          {(c) => <input {...c} value={draft.discipline ?? ''} onChange={(e) => setDraft({ ...draft, discipline: e.target.value })} />}
        </Field>
        <button type="submit">{t('dashboard.apply')}</button>
      </form>
      <LoadState loaded={total}>
        {total.data && (
          <div className="cards" data-testid="totals">
            {MEASURES.map((m) => (
              <button type="button" key={m.key} className="card" aria-pressed={measure === m.key} onClick={() => setMeasure(m.key)}>
                <span className="card__value">{number(valueOf(total.data!.total, m.key), 1)}</span>
                <span className="card__label">{t(m.label)}</span>
              </button>
            ))}
          </div>
        )}
      </LoadState>
      <div className="charts">
        {section('dashboard.byProvince', byProvince, 'bar', true)}
        {section('dashboard.byMonth', byMonth, 'line')}
        {section('dashboard.byDiscipline', byDiscipline, 'bar')}
      </div>
    </section>
  );
}
