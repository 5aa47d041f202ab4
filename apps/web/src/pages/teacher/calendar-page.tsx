import type { DatesSetArg, EventClickArg, EventContentArg, EventInput } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Instructor, Term, ZonedSpan } from '../../api/types.js';
import { useApi, useResources, useSession } from '../../auth/session.js';
import { LoadState, PageHeading, useLoad } from '../../components/common.js';
import { Field } from '../../components/field.js';
import { nameIn, useI18n, zoneLabel, type Translate } from '../../i18n/i18n.js';
import { navigate, useRoute } from '../../router/hash-router.js';
import { SessionDialog } from './session-dialog.js';
import { SubscribeLink } from './subscribe-link.js';
import { BEIJING, loadTimetable, XINJIANG, type Teacher, type TimetableSession } from './timetable.js';

const hhmm = (span: ZonedSpan) => `${span.start.slice(11)}–${span.end.slice(11)}`;

/** Beijing and Xinjiang clocks side by side, when a party of the session lives by either. */
export function xinjiangClocks(session: TimetableSession, t: Translate): string | null {
  const spans = [...session.instructor.local, ...session.westernClasses.flatMap((c) => c.local)];
  if (!spans.some((s) => s.timeZone === XINJIANG)) return null;
  const beijing = DateTime.fromISO(session.startsAt, { zone: BEIJING });
  const xinjiang = DateTime.fromISO(session.startsAt, { zone: XINJIANG });
  const end = (zone: string) => DateTime.fromISO(session.endsAt, { zone }).toFormat('HH:mm');
  return t('calendar.clocks', {
    beijing: `${beijing.toFormat('HH:mm')}–${end(BEIJING)}`,
    xinjiang: `${xinjiang.toFormat('HH:mm')}–${end(XINJIANG)}`,
  });
}

/** The other side of the session, each in their own local time (`喀什大学 10:00–11:35 新疆时间`). */
export function partnerTimes(session: TimetableSession, teacher: Teacher, t: Translate, locale: 'zh-CN' | 'en'): string[] {
  const parties =
    teacher.role === 'host'
      ? [{ name: nameIn(locale, session.instructor.institution) || session.instructor.name, local: session.instructor.local }]
      : session.westernClasses.map((c) => ({ name: `${nameIn(locale, c.institution)} ${c.name}`, local: c.local }));
  const seen = new Set<string>();
  return parties
    .map((party) => {
      const primary = party.local[0];
      if (!primary) return party.name;
      return `${party.name}: ${hhmm(primary)} ${zoneLabel(t, primary.timeZone)} (UTC${primary.utcOffset})`;
    })
    .filter((line) => (seen.has(line) ? false : (seen.add(line), true)));
}

const COMMON_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London', 'Europe/Berlin', 'UTC'];

/**
 * FullCalendar's own markup fails two WCAG checks (axe): its arrow icons are role="img" without a
 * name (the buttons carry the name), and a month cell is labelled by its day number alone while it
 * shows the day's sessions too. Hide the icons from assistive technology; let the cells be read whole.
 */
function repairCalendarMarkup(root: HTMLElement | null): void {
  root?.querySelectorAll('.fc-icon').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
  root?.querySelectorAll('td.fc-daygrid-day[aria-labelledby]').forEach((cell) => cell.removeAttribute('aria-labelledby'));
}

/**
 * A teacher's week or term in their own zone (or another, chosen), drawn by FullCalendar with its
 * luxon plugin so named zones and DST are luxon's. Each session also shows the partner's local
 * time and both Xinjiang clocks; the same sessions are listed in a table below for screen readers.
 */
export function CalendarPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const r = useResources();
  const route = useRoute();
  const instructorId = route.query.get('instructorId') ?? session?.user.instructorId ?? null;
  const teacherRecord = useLoad<Instructor | null>(
    () => (instructorId ? r.instructors.get(instructorId) : Promise.resolve(null)),
    [instructorId],
  );
  if (!instructorId) return <p>{t('calendar.noTeacher')}</p>;
  return (
    <LoadState loaded={teacherRecord}>
      {teacherRecord.data && <TeacherCalendar instructor={teacherRecord.data} own={!route.query.get('instructorId')} />}
    </LoadState>
  );
}

function TeacherCalendar({ instructor, own }: { instructor: Instructor; own: boolean }) {
  const { t, locale, dateTime } = useI18n();
  const api = useApi();
  const r = useResources();
  const route = useRoute();
  const teacher: Teacher = { id: instructor.id, role: instructor.role };
  const zone = route.query.get('zone') || instructor.timeZone;
  const view = route.query.get('view') === 'term' ? 'term' : 'week';
  const initialDate = route.query.get('date') ?? DateTime.now().setZone(zone).toISODate()!;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [open, setOpen] = useState<TimetableSession | null>(null);
  const calendar = useRef<FullCalendar>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => repairCalendarMarkup(frame.current));

  const terms = useLoad<Term[]>(() => r.terms.all({ institutionId: instructor.institutionId }).catch(() => []), [instructor.institutionId]);
  const term = useMemo(() => {
    const list = [...(terms.data ?? [])].sort((a, b) => a.startLocalDate.localeCompare(b.startLocalDate));
    return list.find((x) => x.endLocalDate >= initialDate) ?? list[list.length - 1];
  }, [terms.data, initialDate]);

  const sessions = useLoad(
    () => (range ? loadTimetable(api, teacher, range.from, range.to, zone) : Promise.resolve([])),
    [range?.from, range?.to, zone, teacher.id],
  );
  const events: EventInput[] = (sessions.data ?? []).map((s) => ({
    id: s.id,
    title: s.course?.title ?? s.westernClasses.map((c) => c.name).join(', '),
    start: s.startsAt,
    end: s.endsAt,
    classNames: [`session--${s.status}`],
    extendedProps: { session: s },
  }));
  const zones = [
    ...new Set([
      instructor.timeZone,
      ...COMMON_ZONES,
      ...(sessions.data ?? []).flatMap((s) => s.westernClasses.flatMap((c) => c.local.map((l) => l.timeZone))),
    ]),
  ];

  const setQuery = (change: Record<string, string | undefined>) =>
    navigate(
      route.path,
      {
        instructorId: route.query.get('instructorId') ?? undefined,
        zone: route.query.get('zone') ?? undefined,
        view: route.query.get('view') ?? undefined,
        date: route.query.get('date') ?? undefined,
        ...change,
      },
      true,
    );

  const onDates = (arg: DatesSetArg) => {
    const from = arg.startStr.slice(0, 10);
    const to = DateTime.fromISO(arg.endStr.slice(0, 10)).minus({ days: 1 }).toISODate()!;
    if (range?.from !== from || range?.to !== to) setRange({ from, to });
  };

  const renderEvent = (arg: EventContentArg) => {
    const s = arg.event.extendedProps.session as TimetableSession;
    const clocks = xinjiangClocks(s, t);
    return (
      <div className="event">
        <strong>{arg.timeText}</strong> {arg.event.title}
        {clocks && <div className="event__clocks">{clocks}</div>}
        {partnerTimes(s, teacher, t, locale).map((line) => (
          <div className="event__partner" key={line}>
            {line}
          </div>
        ))}
      </div>
    );
  };

  const termRange = term
    ? { start: term.startLocalDate, end: DateTime.fromISO(term.endLocalDate).plus({ days: 1 }).toISODate()! }
    : undefined;
  return (
    <section>
      <PageHeading actions={own && <SubscribeLink instructorId={instructor.id} />}>
        {own ? t('nav.calendar') : t('calendar.teacher', { name: instructor.name })}
      </PageHeading>
      <div className="toolbar">
        <Field label={t('calendar.viewZone')}>
          {(c) => (
            <select
              {...c}
              value={zone}
              onChange={(e) => setQuery({ zone: e.target.value === instructor.timeZone ? undefined : e.target.value })}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z === instructor.timeZone
                    ? t(own ? 'calendar.ownZone' : 'calendar.teacherZone', { zone: z })
                    : `${zoneLabel(t, z)} (${z})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div role="group" aria-label={t('calendar.span')} className="segmented">
          <button type="button" aria-pressed={view === 'week'} onClick={() => setQuery({ view: undefined })}>
            {t('calendar.week')}
          </button>
          <button type="button" aria-pressed={view === 'term'} onClick={() => setQuery({ view: 'term' })}>
            {termRange && term ? `${t('calendar.term')} · ${term.name}` : t('calendar.month')}
          </button>
        </div>
      </div>
      <div className="calendar" ref={frame}>
        <FullCalendar
          key={`${zone}|${view}|${locale}|${route.query.get('date') ?? ''}`}
          ref={calendar}
          plugins={[timeGridPlugin, dayGridPlugin, luxonPlugin]}
          timeZone={zone}
          locales={[zhCnLocale, enGbLocale]}
          locale={locale === 'zh-CN' ? 'zh-cn' : 'en-gb'}
          // The term when the teacher's institution's terms can be read; else a month at a time.
          initialView={view === 'term' ? (termRange ? 'termGrid' : 'dayGridMonth') : 'timeGridWeek'}
          initialDate={view === 'term' && termRange ? termRange.start : initialDate}
          views={termRange ? { termGrid: { type: 'dayGrid', visibleRange: termRange } } : {}}
          firstDay={1}
          headerToolbar={
            view === 'term' && termRange
              ? { left: '', center: 'title', right: '' }
              : { left: 'prev,next today', center: 'title', right: '' }
          }
          allDaySlot={false}
          slotMinTime="06:00:00"
          slotMaxTime="24:00:00"
          scrollTime="07:00:00"
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          height="auto"
          nowIndicator
          eventInteractive
          events={events}
          datesSet={(arg) => {
            onDates(arg);
            requestAnimationFrame(() => repairCalendarMarkup(frame.current));
          }}
          eventsSet={() => requestAnimationFrame(() => repairCalendarMarkup(frame.current))}
          eventContent={renderEvent}
          eventClick={(arg: EventClickArg) => {
            arg.jsEvent.preventDefault();
            setOpen(arg.event.extendedProps.session as TimetableSession);
          }}
        />
      </div>
      <h2>{t('calendar.sessionsInRange')}</h2>
      <LoadState loaded={sessions}>
        {sessions.data?.length ? (
          <table className="table" data-testid="session-table">
            <thead>
              <tr>
                <th scope="col">
                  {t('session.when')} ({zoneLabel(t, zone)})
                </th>
                <th scope="col">{t('calendar.course')}</th>
                <th scope="col">{t('calendar.partners')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => setOpen(s)}>
                      {dateTime(s.startsAt, zone)}–{DateTime.fromISO(s.endsAt, { zone }).toFormat('HH:mm')}
                    </button>
                  </th>
                  <td>{s.course?.title ?? ''}</td>
                  <td>
                    {[xinjiangClocks(s, t), ...partnerTimes(s, teacher, t, locale)].filter(Boolean).map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                  </td>
                  <td>{t(`session.status.${s.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('calendar.none')}</p>
        )}
      </LoadState>
      {open && <SessionDialog session={open} zone={zone} teacher={teacher} onClose={() => setOpen(null)} onChanged={sessions.reload} />}
    </section>
  );
}
