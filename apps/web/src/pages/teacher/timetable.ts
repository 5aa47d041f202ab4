import { DateTime } from 'luxon';
import { ApiProblem, type ApiClient } from '../../api/client.js';
import type { JointSession, Page } from '../../api/types.js';

/** A timetable row: a session with each party's local time and, from the timetables API, its course. */
export interface TimetableSession extends JointSession {
  course?: { id: string; title: string; platform: string } | null;
}

interface TimetableBody {
  timeZone: string;
  days: { localDate: string; sessions: TimetableSession[] }[];
}

export interface Teacher {
  id: string;
  role: 'instructor' | 'host';
}

/**
 * A teacher's sessions between two local dates of `timeZone` (both included), from
 * GET /timetables/{instructors|host-teachers}/:id. Before that API answered, the plain session
 * list (instructors only) served, and still does if the timetables route is missing.
 */
export async function loadTimetable(
  api: ApiClient,
  teacher: Teacher,
  fromLocalDate: string,
  toLocalDate: string,
  timeZone: string,
): Promise<TimetableSession[]> {
  const kind = teacher.role === 'host' ? 'host-teachers' : 'instructors';
  try {
    const body = await api.get<TimetableBody>(`/timetables/${kind}/${teacher.id}`, { from: fromLocalDate, to: toLocalDate, timeZone });
    return body.days.flatMap((day) => day.sessions);
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.code !== 'ROUTE_NOT_FOUND' || teacher.role === 'host') throw error;
    const from = new Date(`${fromLocalDate}T00:00:00Z`).getTime() - 86_400_000;
    const to = new Date(`${toLocalDate}T00:00:00Z`).getTime() + 2 * 86_400_000;
    const page = await api.get<Page<TimetableSession>>('/joint-sessions', {
      instructorId: teacher.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      viewTimeZone: timeZone,
      pageSize: 500,
    });
    // The list is padded by a day each side for zones; keep the days asked for, in the viewer's zone.
    return page.items.filter((s) => {
      const day = DateTime.fromISO(s.startsAt, { zone: timeZone }).toISODate()!;
      return fromLocalDate <= day && day <= toLocalDate;
    });
  }
}

export const BEIJING = 'Asia/Shanghai';
export const XINJIANG = 'Asia/Urumqi';
