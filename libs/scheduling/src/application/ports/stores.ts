import type {
  Course,
  Institution,
  Instructor,
  JointSession,
  JointSessionStatus,
  Pairing,
  PairingStatus,
  Region,
  TeacherRole,
  Term,
  WesternClass,
} from '../../domain/model.js';
import type { ApiTokenStore, AuditLogStore, LoginAttemptStore, RefreshTokenStore, UserStore } from './accounts.js';
import type { CalendarFeedStore } from './calendar-feeds.js';
import type { DeliveryStore, InboxStore, OutboxStore, ReminderSettingsStore } from './notifications.js';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Persistence of one kind of record. `save` inserts or replaces (children included). */
export abstract class Store<T extends { id: string }, F> {
  abstract findById(id: string): Promise<T | null>;
  abstract findByIds(ids: readonly string[]): Promise<T[]>;
  abstract list(filter: F, page: PageRequest): Promise<Page<T>>;
  abstract save(item: T): Promise<void>;
  abstract delete(id: string): Promise<void>;
}

export interface InstitutionFilter {
  id?: string;
  region?: Region;
  province?: string;
  search?: string;
}
export interface TermFilter {
  institutionId?: string;
}
export interface InstructorFilter {
  id?: string;
  institutionId?: string;
  role?: TeacherRole;
  discipline?: string;
  search?: string;
}
export interface CourseFilter {
  institutionId?: string;
  discipline?: string;
  search?: string;
}
export interface WesternClassFilter {
  institutionId?: string;
  courseId?: string;
  termId?: string;
  hostTeacherId?: string;
}
export interface PairingFilter {
  instructorId?: string;
  courseId?: string;
  termId?: string;
  westernClassId?: string;
  status?: PairingStatus;
  /** Pairings whose instructor or one of whose classes belongs to this institution. */
  involvesInstitutionId?: string;
}
export interface JointSessionFilter {
  pairingId?: string;
  instructorId?: string;
  westernClassId?: string;
  status?: JointSessionStatus;
  /** Sessions whose instructor or one of whose classes belongs to this institution. */
  involvesInstitutionId?: string;
  /** Sessions this teacher gives (instructor) or hosts (host teacher of one of the classes). */
  involvesTeacherId?: string;
  /** UTC ISO instants: sessions that end after `from` and start before `to`. */
  from?: string;
  to?: string;
}

export interface OverlapQuery {
  startsAt: string;
  endsAt: string;
  instructorIds: readonly string[];
  westernClassIds: readonly string[];
  excludeSessionId?: string;
}

export abstract class JointSessionStore extends Store<JointSession, JointSessionFilter> {
  /**
   * Locks the instructors' and classes' rows until the unit of work ends, so two concurrent
   * bookings of the same party cannot both pass the double-booking check. Call before checking.
   */
  abstract lockParties(instructorIds: readonly string[], westernClassIds: readonly string[]): Promise<void>;

  /** Scheduled sessions overlapping [startsAt, endsAt) that share an instructor or a western class. */
  abstract findOverlapping(query: OverlapQuery): Promise<JointSession[]>;
}

export interface Stores {
  institutions: Store<Institution, InstitutionFilter>;
  terms: Store<Term, TermFilter>;
  instructors: Store<Instructor, InstructorFilter>;
  courses: Store<Course, CourseFilter>;
  westernClasses: Store<WesternClass, WesternClassFilter>;
  pairings: Store<Pairing, PairingFilter>;
  jointSessions: JointSessionStore;
  calendarFeeds: CalendarFeedStore;
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  apiTokens: ApiTokenStore;
  loginAttempts: LoginAttemptStore;
  /** Written in the same unit of work as the change it records. */
  auditLog: AuditLogStore;
  /** Jobs a change implies, written in the same unit of work as the change. */
  outbox: OutboxStore;
  reminderSettings: ReminderSettingsStore;
  deliveries: DeliveryStore;
  inbox: InboxStore;
}

/**
 * Runs a unit of work in one database transaction: everything in `work` commits together or not
 * at all. On SQLite every unit is serialized (TypeORM shares one connection there).
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}
