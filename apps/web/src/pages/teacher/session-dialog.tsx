import { DateTime } from 'luxon';
import { useEffect, useRef, useState } from 'react';
import type { Page } from '../../api/types.js';
import { useApi } from '../../auth/session.js';
import { LoadState, Notice, ProblemAlert, useAction, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { nameIn, useI18n, zoneLabel } from '../../i18n/i18n.js';
import type { Teacher, TimetableSession } from './timetable.js';

interface TeachingActivity {
  id: string;
  status: 'counted' | 'not_held';
  attendanceConfirmedAt: string | null;
  campuses: { westernClassId: string | null; studentsEnrolled: number; studentsPresent: number }[];
}

/**
 * One session in a modal dialog (native <dialog>: focus stays inside, Escape closes): every
 * party's local time, the meeting link and an .ics file. Once the ledger has recorded the session
 * (when it ends), its teachers confirm it was held with the students present in each class.
 */
export function SessionDialog({
  session,
  zone,
  onClose,
  onChanged,
}: {
  session: TimetableSession;
  zone: string;
  teacher: Teacher;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, locale, dateTime } = useI18n();
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const activity = useLoad(
    () =>
      api
        .get<Page<TeachingActivity>>('/teaching-activities', { jointSessionId: session.id, pageSize: 1 })
        .then((page) => page.items[0] ?? null),
    [session.id],
  );
  const download = useAction(async () => {
    const file = await api.get<Blob>(`/joint-sessions/${session.id}/ics`, undefined, { as: 'blob', accept: 'text/calendar' });
    const url = URL.createObjectURL(file);
    const link = Object.assign(document.createElement('a'), { href: url, download: `session-${session.id}.ics` });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const parties = [
    { name: `${session.instructor.name} · ${nameIn(locale, session.instructor.institution)}`, local: session.instructor.local },
    ...session.westernClasses.map((c) => ({ name: `${c.name} · ${nameIn(locale, c.institution)}`, local: c.local })),
  ];
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="session-dialog-title" onClose={onClose}>
      <h2 id="session-dialog-title">{session.course?.title ?? t('session.details')}</h2>
      <p>
        <strong>{dateTime(session.startsAt, zone)}</strong> – {DateTime.fromISO(session.endsAt, { zone }).toFormat('HH:mm')} (
        {zoneLabel(t, zone)}) · {t(`session.status.${session.status}`)}
      </p>
      <ul>
        {parties.map((party) => (
          <li key={party.name}>
            {party.name}:{' '}
            {party.local
              .map((span) => `${span.start.slice(11)}–${span.end.slice(11)} ${zoneLabel(t, span.timeZone)} (UTC${span.utcOffset})`)
              .join(' · ')}
          </li>
        ))}
      </ul>
      {session.meetingUrl && (
        <p>
          <a href={session.meetingUrl} target="_blank" rel="noreferrer">
            {t('session.meeting')}
          </a>
        </p>
      )}
      <p>
        <button type="button" onClick={() => void download.run()}>
          {t('calendar.downloadIcs')}
        </button>
      </p>
      <ProblemAlert problem={download.problem} />
      <LoadState loaded={activity}>
        {activity.data && <Attendance activity={activity.data} session={session} onConfirmed={() => (activity.reload(), onChanged())} />}
      </LoadState>
      <form method="dialog">
        <button type="submit">{t('common.close')}</button>
      </form>
    </dialog>
  );
}

/** Students present per class, prefilled with the enrolment; confirming replaces the enrolment in the counts. */
function Attendance({
  activity,
  session,
  onConfirmed,
}: {
  activity: TeachingActivity;
  session: TimetableSession;
  onConfirmed: () => void;
}) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const [present, setPresent] = useState<Record<string, number>>(() =>
    Object.fromEntries(activity.campuses.filter((c) => c.westernClassId).map((c) => [c.westernClassId!, c.studentsPresent])),
  );
  const confirm = useAction(() =>
    api.post<TeachingActivity>(`/teaching-activities/${activity.id}/confirm`, {
      attendance: Object.entries(present).map(([westernClassId, studentsPresent]) => ({ westernClassId, studentsPresent })),
    }),
  );
  if (activity.status === 'not_held') return null;
  const total = activity.campuses.reduce((sum, c) => sum + c.studentsPresent, 0);
  return (
    <section aria-labelledby="attendance-heading">
      <h3 id="attendance-heading">{t('session.attendance')}</h3>
      {activity.attendanceConfirmedAt && (
        <Notice>{t('session.confirmedAt', { at: dateTime(activity.attendanceConfirmedAt, 'Asia/Shanghai'), count: total })}</Notice>
      )}
      <ProblemAlert problem={confirm.problem} />
      <form
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await confirm.run()) onConfirmed();
        }}
        noValidate
      >
        <div className="form__row">
          {Object.keys(present).map((classId, index) => (
            <Field
              key={classId}
              label={session.westernClasses.find((c) => c.id === classId)?.name ?? classId}
              errors={confirm.problem?.messagesFor(`attendance[${index}].studentsPresent`) ?? []}
            >
              {(c) => (
                <input
                  {...c}
                  type="number"
                  min={0}
                  value={Number.isNaN(present[classId]) ? '' : present[classId]}
                  onChange={(e) => setPresent({ ...present, [classId]: e.target.valueAsNumber })}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="form__actions">
          <button type="submit" className="button--primary" disabled={confirm.busy}>
            {t('session.confirmHeld')}
          </button>
        </div>
      </form>
    </section>
  );
}
