import type { Institution, Instructor, JointSession, WesternClass } from '../domain/model.js';
import type { Stores } from './ports/stores.js';

export interface InstitutionRef {
  id: string;
  nameZh: string;
  nameEn: string;
  timeZone: string;
  secondaryTimeZone: string | null;
}

/** A session with the people and places taking part, enough to show each party's local time. */
export interface JointSessionView {
  session: JointSession;
  instructor: Pick<Instructor, 'id' | 'name' | 'timeZone'> & { institution: InstitutionRef | null };
  westernClasses: (Pick<WesternClass, 'id' | 'name' | 'studentsEnrolled' | 'hostTeacherId'> & { institution: InstitutionRef | null })[];
}

const institutionRef = (i: Institution | undefined): InstitutionRef | null =>
  i ? { id: i.id, nameZh: i.nameZh, nameEn: i.nameEn, timeZone: i.timeZone, secondaryTimeZone: i.secondaryTimeZone } : null;

/** Loads the parties of many sessions with one query per table, whatever the page size. */
export async function buildSessionViews(stores: Stores, sessions: readonly JointSession[]): Promise<JointSessionView[]> {
  if (sessions.length === 0) return [];
  const instructors = new Map(
    (await stores.instructors.findByIds([...new Set(sessions.map((s) => s.instructorId))])).map((i) => [i.id, i]),
  );
  const classes = new Map(
    (await stores.westernClasses.findByIds([...new Set(sessions.flatMap((s) => s.westernClassIds))])).map((c) => [c.id, c]),
  );
  const institutionIds = new Set([...instructors.values(), ...classes.values()].map((x) => x.institutionId));
  const institutions = new Map((await stores.institutions.findByIds([...institutionIds])).map((i) => [i.id, i]));
  return sessions.map((session) => {
    const instructor = instructors.get(session.instructorId);
    return {
      session,
      instructor: {
        id: session.instructorId,
        name: instructor?.name ?? '',
        timeZone: instructor?.timeZone ?? session.anchorTimeZone,
        institution: institutionRef(instructor && institutions.get(instructor.institutionId)),
      },
      westernClasses: session.westernClassIds.map((id) => {
        const westernClass = classes.get(id);
        return {
          id,
          name: westernClass?.name ?? '',
          studentsEnrolled: westernClass?.studentsEnrolled ?? 0,
          hostTeacherId: westernClass?.hostTeacherId ?? null,
          institution: institutionRef(westernClass && institutions.get(westernClass.institutionId)),
        };
      }),
    };
  });
}
