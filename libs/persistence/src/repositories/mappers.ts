import type { Course, Institution, Instructor, JointSession, Pairing, Term, WesternClass } from '#scheduling';
import type {
  CourseEntity,
  InstitutionEntity,
  InstructorEntity,
  JointSessionEntity,
  PairingEntity,
  TermEntity,
  WesternClassEntity,
} from '../entities/index.js';

/** Copies the listed keys; entity and domain share property names, so most mapping is this. */
function pick<S, K extends keyof S>(source: S, keys: readonly K[]): Pick<S, K> {
  const out = {} as Pick<S, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}

const stamps = (now: string, existing: { createdAt: string } | null) => ({ createdAt: existing?.createdAt ?? now, updatedAt: now });

const institutionKeys = [
  'id',
  'nameZh',
  'nameEn',
  'region',
  'province',
  'timeZone',
  'secondaryTimeZone',
  'classPeriods',
  'calendarExceptions',
] as const;
export const institution = {
  toDomain: (e: InstitutionEntity): Institution => pick(e, institutionKeys),
  toEntity: (d: Institution, now: string, existing: InstitutionEntity | null) =>
    Object.assign({} as InstitutionEntity, pick(d, institutionKeys), stamps(now, existing)),
};

const termKeys = ['id', 'institutionId', 'name', 'startLocalDate', 'endLocalDate'] as const;
export const term = {
  toDomain: (e: TermEntity): Term => pick(e, termKeys),
  toEntity: (d: Term) => Object.assign({} as TermEntity, pick(d, termKeys)),
};

const instructorKeys = [
  'id',
  'institutionId',
  'name',
  'role',
  'disciplines',
  'languages',
  'timeZone',
  'availability',
  'unavailableLocalDates',
  'maxSessionsPerDay',
  'maxSessionsPerWeek',
  'maxSessionsPerTerm',
] as const;
export const instructor = {
  toDomain: (e: InstructorEntity): Instructor => pick(e, instructorKeys),
  toEntity: (d: Instructor, now: string, existing: InstructorEntity | null) =>
    Object.assign({} as InstructorEntity, pick(d, instructorKeys), stamps(now, existing)),
};

const courseKeys = ['id', 'institutionId', 'title', 'platform', 'discipline', 'language'] as const;
export const course = {
  toDomain: (e: CourseEntity): Course => pick(e, courseKeys),
  toEntity: (d: Course) => Object.assign({} as CourseEntity, pick(d, courseKeys)),
};

const westernClassKeys = [
  'id',
  'institutionId',
  'name',
  'courseId',
  'discipline',
  'studentsEnrolled',
  'sessionsPerWeek',
  'durationMinutes',
  'termId',
  'allowedPeriodNames',
  'hostTeacherId',
] as const;
export const westernClass = {
  toDomain: (e: WesternClassEntity): WesternClass => pick(e, westernClassKeys),
  toEntity: (d: WesternClass) => Object.assign({} as WesternClassEntity, pick(d, westernClassKeys)),
};

const pairingKeys = ['id', 'instructorId', 'courseId', 'termId', 'status'] as const;
export const pairing = {
  toDomain: (e: PairingEntity, westernClassIds: string[] = []): Pairing => ({ ...pick(e, pairingKeys), westernClassIds }),
  toEntity: (d: Pairing, now: string, existing: PairingEntity | null) =>
    Object.assign({} as PairingEntity, pick(d, pairingKeys), stamps(now, existing)),
};

const sessionKeys = ['id', 'pairingId', 'instructorId', 'startsAt', 'endsAt', 'anchorTimeZone', 'status', 'version', 'meetingUrl'] as const;
export const jointSession = {
  toDomain: (e: JointSessionEntity, westernClassIds: string[] = []): JointSession => ({ ...pick(e, sessionKeys), westernClassIds }),
  toEntity: (d: JointSession, now: string, existing: JointSessionEntity | null) =>
    Object.assign({} as JointSessionEntity, pick(d, sessionKeys), stamps(now, existing)),
};
