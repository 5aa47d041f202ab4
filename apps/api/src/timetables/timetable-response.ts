import type { Timetable, TimetableEntry } from '#scheduling';
import { jointSessionResponse } from '../mappers/responses.js';

/** A session row: UTC, the viewer's local time, each party's local time (both clocks in Xinjiang), and the course. */
export const timetableEntryResponse = (entry: TimetableEntry, timeZone: string) => ({
  ...jointSessionResponse(entry.view, timeZone),
  course: entry.course,
});

export const timetableResponse = (timetable: Timetable) => ({
  subject: timetable.subject,
  timeZone: timetable.timeZone,
  startsAt: timetable.startsAt,
  endsAt: timetable.endsAt,
  days: timetable.days.map((day) => ({
    localDate: day.localDate,
    weekday: day.weekday,
    sessions: day.entries.map((entry) => timetableEntryResponse(entry, timetable.timeZone)),
  })),
});
