import { useEffect, useState, type ReactNode } from 'react';
import type { Institution, Page, Term, ZonedSpan } from '../../api/types.js';
import { useApi, useResources } from '../../auth/session.js';
import { LoadState, Notice, PageHeading, Pager, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { nameIn, useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { navigate, useRoute } from '../../router/hash-router.js';
import { SpanText } from './sessions-page.js';

type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

interface PlanScore {
  sessionsRequired: number;
  sessionsPlaced: number;
  sessionsUnplaced: number;
  hardViolations: number;
  soft: { offUsualSlot: number; inhumaneMinutes: number; sameDayRepeats: number; stackedInstructorSessions: number };
}

interface ScheduleRun {
  id: string;
  status: RunStatus;
  progressPercent: number;
  cancelRequested: boolean;
  error: string | null;
  publishedAt: string | null;
  published: { created: number; moved: number; cancelled: number; kept: number } | null;
  report: {
    score: PlanScore;
    sessions: number;
    newSessions: number;
    keptSessions: number;
    movedSessions: number;
    unplacedEntries: number;
  } | null;
}

interface RunPlan {
  run: ScheduleRun;
  sessions: Page<{
    planSessionId: string;
    origin: string;
    instructor: { name: string; local: ZonedSpan[] };
    westernClasses: { id: string; name: string; local: ZonedSpan[] }[];
  }>;
  moved: Page<{ sessionId: string; reason: string; from: { local: ZonedSpan[] }; to: { local: ZonedSpan[] } | null }>;
  unplaced: Page<{
    pairingId: string;
    westernClassId: string;
    weekStartLocalDate: string;
    count: number;
    code: string;
    reason: string;
    instructorName: string;
    westernClassName: string;
  }>;
}

const active = (status: RunStatus | undefined) => status === 'queued' || status === 'running';

/**
 * A term's timetable by the engine: start a run (a queued job), watch its progress with a way to
 * cancel, inspect the draft (score per goal, unplaced sessions with their reasons in each party's
 * local time, what moved since the last publish) and publish it. The run id is kept in the URL.
 */
export function SchedulePage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const r = useResources();
  const route = useRoute();
  const runId = route.query.get('run');
  const [termId, setTermId] = useState(route.query.get('termId') ?? '');
  const terms = useLoad<{ terms: Term[]; institutions: Map<string, Institution> }>(async () => {
    const [terms, institutions] = await Promise.all([r.terms.all(), r.institutions.all()]);
    return { terms, institutions: new Map(institutions.map((i) => [i.id, i])) };
  }, []);
  const westernTerms = (terms.data?.terms ?? []).filter((term) => terms.data?.institutions.get(term.institutionId)?.region !== 'east');

  const [run, setRun] = useState<ScheduleRun | null>(null);
  const poll = useLoad<ScheduleRun | null>(
    () => (runId ? api.get<ScheduleRun>(`/scheduling/runs/${runId}`) : Promise.resolve(null)),
    [runId],
  );
  useEffect(() => setRun(poll.data ?? null), [poll.data]);
  useEffect(() => {
    if (!runId || !active(run?.status)) return;
    const timer = window.setTimeout(() => poll.reload(), 700);
    return () => window.clearTimeout(timer);
  }, [runId, run, poll]);

  const start = useAction(async () => {
    const started = await api.post<ScheduleRun>('/scheduling/runs', { termIds: [termId] });
    setRun(started);
    navigate(route.path, { termId, run: started.id }, true);
  });
  const cancel = useAction(async () => setRun(await api.post<ScheduleRun>(`/scheduling/runs/${runId}/cancel`)));
  const publish = useAction(async () => setRun(await api.post<ScheduleRun>(`/scheduling/runs/${runId}/publish`)));

  const label = (term: Term) =>
    t('schedule.termLabel', { institution: nameIn(locale, terms.data?.institutions.get(term.institutionId)), term: term.name });
  return (
    <section>
      <PageHeading>{t('nav.schedule')}</PageHeading>
      <LoadState loaded={terms}>
        <form
          className="form__row"
          onSubmit={(event) => {
            event.preventDefault();
            void start.run();
          }}
        >
          <Field label={t('schedule.term')} errors={start.problem?.messagesFor('termIds', true) ?? []}>
            {(c) => (
              <select {...c} value={termId} onChange={(e) => setTermId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {westernTerms.map((term) => (
                  <option key={term.id} value={term.id}>
                    {label(term)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button--primary" disabled={!termId || start.busy || active(run?.status)}>
            {t('schedule.run')}
          </button>
        </form>
      </LoadState>
      <ProblemAlert problem={start.problem ?? cancel.problem ?? publish.problem ?? poll.error} />
      {run && (
        <div className="run">
          <p role="status" aria-live="polite">
            {t('schedule.state', {
              state: run.published ? t('schedule.status.published') : t(`schedule.status.${run.status}` as MessageKey),
            })}
            {run.error ? ` — ${run.error}` : ''}
          </p>
          <div className="form__row">
            <label htmlFor="run-progress">{t('schedule.progress')}</label>
            <progress id="run-progress" className="progress" max={100} value={run.progressPercent}>
              {run.progressPercent}%
            </progress>
            <span>{run.progressPercent}%</span>
            {active(run.status) && (
              <button
                type="button"
                className="button--danger"
                onClick={() => void cancel.run()}
                disabled={cancel.busy || run.cancelRequested}
              >
                {t('schedule.cancel')}
              </button>
            )}
          </div>
          {run.status === 'succeeded' && run.report && <Draft run={run} onPublish={() => void publish.run()} publishing={publish.busy} />}
        </div>
      )}
    </section>
  );
}

function Draft({ run, onPublish, publishing }: { run: ScheduleRun; onPublish: () => void; publishing: boolean }) {
  const { t, number, dateTime, date } = useI18n();
  const api = useApi();
  const [page, setPage] = useState(1);
  const plan = useLoad(() => api.get<RunPlan>(`/scheduling/runs/${run.id}/plan`, { page, pageSize: 20 }), [run.id, page, run.publishedAt]);
  const report = run.report!;
  const goals: [MessageKey, number][] = [
    ['schedule.goal.sessionsRequired', report.score.sessionsRequired],
    ['schedule.goal.sessionsPlaced', report.score.sessionsPlaced],
    ['schedule.goal.sessionsUnplaced', report.score.sessionsUnplaced],
    ['schedule.goal.hardViolations', report.score.hardViolations],
    ['schedule.goal.offUsualSlot', report.score.soft.offUsualSlot],
    ['schedule.goal.inhumaneMinutes', report.score.soft.inhumaneMinutes],
    ['schedule.goal.sameDayRepeats', report.score.soft.sameDayRepeats],
    ['schedule.goal.stackedInstructorSessions', report.score.soft.stackedInstructorSessions],
    ['schedule.goal.newSessions', report.newSessions],
    ['schedule.goal.keptSessions', report.keptSessions],
    ['schedule.goal.movedSessions', report.movedSessions],
  ];
  return (
    <>
      <h2>{t('schedule.goals')}</h2>
      <table className="table table--compact goals" data-testid="score">
        <thead>
          <tr>
            <th scope="col">{t('schedule.goal')}</th>
            <th scope="col">{t('schedule.value')}</th>
          </tr>
        </thead>
        <tbody>
          {goals.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              <td>{number(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.published ? (
        <Notice>{t('schedule.publishedAt', { at: dateTime(run.publishedAt!, 'Asia/Shanghai'), ...run.published })}</Notice>
      ) : (
        <button type="button" className="button--primary" onClick={onPublish} disabled={publishing}>
          {t('schedule.publish')}
        </button>
      )}
      <LoadState loaded={plan}>
        {plan.data && (
          <>
            <h2>{t('schedule.unplaced')}</h2>
            {plan.data.unplaced.total === 0 ? (
              <p>{t('schedule.noneUnplaced')}</p>
            ) : (
              <table className="table table--compact" data-testid="unplaced">
                <thead>
                  <tr>
                    <th scope="col">{t('pairing.instructor')}</th>
                    <th scope="col">{t('class.name')}</th>
                    <th scope="col">{t('schedule.week')}</th>
                    <th scope="col">{t('schedule.count')}</th>
                    <th scope="col">{t('schedule.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.unplaced.items.map((u, index) => (
                    <tr key={index}>
                      <th scope="row">{u.instructorName}</th>
                      <td>{u.westernClassName}</td>
                      <td>{date(u.weekStartLocalDate)}</td>
                      <td>{u.count}</td>
                      <td>
                        <code>{u.code}</code> {u.reason}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t('schedule.changes')}</h2>
            {plan.data.moved.total === 0 ? (
              <p>{t('schedule.noChanges')}</p>
            ) : (
              <table className="table table--compact" data-testid="moved">
                <thead>
                  <tr>
                    <th scope="col">{t('schedule.from')}</th>
                    <th scope="col">{t('schedule.to')}</th>
                    <th scope="col">{t('schedule.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.moved.items.map((m) => (
                    <tr key={m.sessionId}>
                      <td>
                        {m.from.local.map((span) => (
                          <div key={span.timeZone}>
                            <SpanText span={span} />
                          </div>
                        ))}
                      </td>
                      <td>
                        {m.to
                          ? m.to.local.map((span) => (
                              <div key={span.timeZone}>
                                <SpanText span={span} />
                              </div>
                            ))
                          : t('schedule.notPlaced')}
                      </td>
                      <td>{m.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t('schedule.placed')}</h2>
            <table className="table table--compact" data-testid="planned">
              <thead>
                <tr>
                  <th scope="col">{t('session.instructorTime')}</th>
                  <th scope="col">{t('session.partnerTime')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.data.sessions.items.map((s) => (
                  <tr key={s.planSessionId}>
                    <td>
                      {s.instructor.name}: {s.instructor.local[0] && <SpanText span={s.instructor.local[0]} />}
                    </td>
                    <td>
                      {s.westernClasses.map((c) => (
                        <div key={c.id}>
                          {c.name}:{' '}
                          {c.local
                            .map((span) => <SpanText key={span.timeZone} span={span} />)
                            .reduce<ReactNode[]>((all, node, i) => (i ? [...all, ' · ', node] : [node]), [])}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              page={plan.data.sessions.page}
              pageSize={plan.data.sessions.pageSize}
              total={plan.data.sessions.total}
              onPage={setPage}
            />
          </>
        )}
      </LoadState>
    </>
  );
}
