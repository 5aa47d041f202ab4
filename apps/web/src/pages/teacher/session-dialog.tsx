import { DateTime } from 'luxon';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../auth/session.js';
import { Notice, ProblemAlert, useAction } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { nameIn, useI18n, zoneLabel } from '../../i18n/i18n.js';
import type { Teacher, TimetableSession } from './timetable.js';

/**
 * One session in a modal dialog (native <dialog>: focus stays inside, Escape closes): every
 * party's local time, the meeting link, an .ics file, and after the class, confirming it was held.
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
  const [attendance, setAttendance] = useState<number>(session.westernClasses.reduce((sum, c) => sum + c.studentsEnrolled, 0));
  const [done, setDone] = useState(false);
  const confirm = useAction(() => api.post(`/joint-sessions/${session.id}/attendance`, { studentsPresent: attendance }));
  const download = useAction(async () => {
    const file = await api.get<Blob>(`/joint-sessions/${session.id}/ics`, undefined, { as: 'blob', accept: 'text/calendar' });
    const url = URL.createObjectURL(file);
    const link = Object.assign(document.createElement('a'), { href: url, download: `session-${session.id}.ics` });
    link.click();
    URL.revokeObjectURL(url);
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const ended = Date.parse(session.endsAt) <= Date.now();
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
      <ProblemAlert problem={download.problem ?? confirm.problem} />
      {ended && session.status === 'scheduled' && !done && (
        <form
          className="form__row"
          onSubmit={async (event) => {
            event.preventDefault();
            if ((await confirm.run()) !== undefined) {
              setDone(true);
              onChanged();
            }
          }}
        >
          <Field label={t('session.attendance')} errors={confirm.problem?.messagesFor('studentsPresent') ?? []}>
            {(c) => (
              <input
                {...c}
                type="number"
                min={0}
                value={Number.isNaN(attendance) ? '' : attendance}
                onChange={(e) => setAttendance(e.target.valueAsNumber)}
              />
            )}
          </Field>
          <button type="submit" className="button--primary" disabled={confirm.busy}>
            {t('session.confirmHeld')}
          </button>
        </form>
      )}
      {done && <Notice>{t('session.confirmedHeld')}</Notice>}
      <form method="dialog">
        <button type="submit">{t('common.close')}</button>
      </form>
    </dialog>
  );
}
