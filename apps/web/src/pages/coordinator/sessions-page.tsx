import { DateTime } from 'luxon';
import { useState } from 'react';
import type { JointSession, SlotViolation, ZonedSpan } from '../../api/types.js';
import { useResources } from '../../auth/session.js';
import { LoadState, Notice, PageHeading, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { ResourceList } from '../../components/resource-list.js';
import { nameIn, useI18n, zoneLabel } from '../../i18n/i18n.js';
import { Link } from '../../router/hash-router.js';

const PATH = '/coordinator/sessions';

export function SpanText({ span }: { span: ZonedSpan }) {
  const { t, wall } = useI18n();
  return (
    <span>
      {wall(span.start, span.timeZone)}–{span.end.slice(11)} {zoneLabel(t, span.timeZone)} (UTC{span.utcOffset})
    </span>
  );
}

export function SessionsPage() {
  const { t, locale } = useI18n();
  const r = useResources();
  return (
    <ResourceList<JointSession>
      title="nav.sessions"
      path={PATH}
      searchable={false}
      canCreate={false}
      filterNames={['status', 'from']}
      load={({ page, filters }) =>
        r.sessions.list({
          page,
          status: filters.status || undefined,
          from: filters.from ? DateTime.fromISO(filters.from, { zone: 'Asia/Shanghai' }).toUTC().toISO()! : undefined,
        })
      }
      renderFilters={(values, set) => (
        <>
          <Field label={t('common.status')}>
            {(c) => (
              <select {...c} value={values.status ?? ''} onChange={(e) => set('status', e.target.value)}>
                <option value="">{t('common.all')}</option>
                {(['scheduled', 'cancelled', 'completed'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`session.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('dashboard.from')}>
            {(c) => <input {...c} type="date" value={values.from ?? ''} onChange={(e) => set('from', e.target.value)} />}
          </Field>
        </>
      )}
      columns={[
        { header: 'session.instructorTime', cell: (s) => (s.instructor.local[0] ? <SpanText span={s.instructor.local[0]} /> : s.startsAt) },
        { header: 'pairing.instructor', cell: (s) => s.instructor.name },
        {
          header: 'session.partnerTime',
          cell: (s) =>
            s.westernClasses.map((c) => (
              <div key={c.id}>
                {nameIn(locale, c.institution)} {c.name}: {c.local[0] && <SpanText span={c.local[0]} />}
              </div>
            )),
        },
        { header: 'common.status', cell: (s) => t(`session.status.${s.status}`) },
      ]}
    />
  );
}

/**
 * One session: move it (checked first, with every conflict shown before saving) or cancel it.
 * The new start is typed as a wall time in the session's anchor zone (the western class's).
 */
export function SessionDetailPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const r = useResources();
  const loaded = useLoad(() => r.sessions.get(id), [id]);
  const s = loaded.data;
  const [start, setStart] = useState('');
  const [duration, setDuration] = useState<number>(NaN);
  const [checked, setChecked] = useState<{ at: string; violations: SlotViolation[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const zone = s?.anchorTimeZone ?? 'Asia/Shanghai';
  const startsAt = () => DateTime.fromISO(start, { zone }).toUTC().toISO()!;
  const minutes = () => (Number.isNaN(duration) ? s!.durationMinutes : duration);
  // The check endpoint judges a new booking, so the session itself shows up as its own conflict: drop it.
  const check = useAction(async () => {
    const answer = await r.sessions.check({
      pairingId: s!.pairingId,
      startsAt: startsAt(),
      durationMinutes: minutes(),
      westernClassIds: s!.westernClasses.map((c) => c.id),
    });
    setChecked({ at: `${start}|${minutes()}`, violations: answer.violations.filter((v) => v.conflictingSessionId !== s!.id) });
  });
  const move = useAction(async () => {
    await r.sessions.move(id, { startsAt: startsAt(), durationMinutes: minutes() });
    setNotice(t('session.moved'));
    setChecked(null);
    loaded.reload();
  });
  const cancel = useAction(async () => {
    await r.sessions.cancel(id);
    setNotice(t('session.cancelled'));
    loaded.reload();
  });
  const current = checked && checked.at === `${start}|${minutes()}`;
  return (
    <section>
      <PageHeading actions={<Link to={PATH}>{t('common.back')}</Link>}>{t('session.details')}</PageHeading>
      <LoadState loaded={loaded}>
        {s && (
          <>
            {notice && <Notice>{notice}</Notice>}
            <dl className="facts">
              <dt>{t('common.status')}</dt>
              <dd>{t(`session.status.${s.status}`)}</dd>
              <dt>{s.instructor.name}</dt>
              <dd>
                {s.instructor.local.map((span) => (
                  <SpanText key={span.timeZone} span={span} />
                ))}
              </dd>
              {s.westernClasses.map((c) => (
                <div key={c.id}>
                  <dt>
                    {nameIn(locale, c.institution)} {c.name}
                  </dt>
                  <dd>
                    {c.local.map((span, index) => (
                      <div key={index}>
                        <SpanText span={span} />
                      </div>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
            {s.status === 'scheduled' && (
              <>
                <h2>{t('session.move')}</h2>
                <ProblemAlert problem={check.problem ?? move.problem ?? cancel.problem} />
                <form
                  className="form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void (current && checked.violations.length === 0 ? move.run() : check.run());
                  }}
                >
                  <div className="form__row">
                    <Field label={t('session.newStart', { zone })} errors={move.problem?.messagesFor('startsAt') ?? []}>
                      {(c) => <input {...c} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />}
                    </Field>
                    <Field label={t('session.duration')} errors={move.problem?.messagesFor('durationMinutes') ?? []}>
                      {(c) => (
                        <input
                          {...c}
                          type="number"
                          min={15}
                          max={480}
                          value={Number.isNaN(duration) ? s.durationMinutes : duration}
                          onChange={(e) => setDuration(e.target.valueAsNumber)}
                        />
                      )}
                    </Field>
                  </div>
                  {current && (
                    <div role="status" className={checked.violations.length ? 'alert alert--error' : 'alert alert--ok'}>
                      {checked.violations.length === 0 ? (
                        t('session.bookable')
                      ) : (
                        <>
                          <strong>{t('session.conflicts')}</strong>
                          <ul>
                            {checked.violations.map((v, index) => (
                              <li key={index}>
                                <code>{v.code}</code> {v.message}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </div>
                  )}
                  <div className="form__actions">
                    <button type="button" onClick={() => void check.run()} disabled={!start || check.busy}>
                      {t('session.checkFirst')}
                    </button>
                    <button
                      type="button"
                      className="button--primary"
                      onClick={() => void move.run()}
                      disabled={!current || checked.violations.length > 0 || move.busy}
                    >
                      {t('session.saveMove')}
                    </button>
                    <button type="button" className="button--danger" onClick={() => void cancel.run()} disabled={cancel.busy}>
                      {t('session.cancelSession')}
                    </button>
                  </div>
                </form>
              </>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
