/** The roles of the program; admin may do everything. */
export type Role = 'admin' | 'program_coordinator' | 'institution_coordinator' | 'teacher' | 'analyst';

export const ROLES: readonly Role[] = ['admin', 'program_coordinator', 'institution_coordinator', 'teacher', 'analyst'];

/**
 * Who is asking. Controllers pass it into the use cases, which confine every read and write to
 * what the actor may see: an institution coordinator their institution, a teacher their own
 * records. `system` is the process itself (demo loader, jobs): it sees everything.
 */
export interface Actor {
  userId: string | null;
  role: Role | 'system';
  /** Set for institution coordinators (and teachers, for display). */
  institutionId: string | null;
  /** Set for teachers: the instructor or host teacher this login acts as. */
  instructorId: string | null;
  /** How the request authenticated; API tokens cannot manage tokens or passwords. */
  via: 'session' | 'api_token' | 'system';
  /** The refresh-token family of a session login, so logout can end it. */
  sessionFamilyId: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: null,
  role: 'system',
  institutionId: null,
  instructorId: null,
  via: 'system',
  sessionFamilyId: null,
});

/** What part of the program's records an actor reaches. */
export type Reach =
  { kind: 'all' } | { kind: 'institution'; institutionId: string } | { kind: 'instructor'; instructorId: string } | { kind: 'none' };

export function reachOf(actor: Actor): Reach {
  switch (actor.role) {
    case 'system':
    case 'admin':
    case 'program_coordinator':
    case 'analyst':
      return { kind: 'all' };
    case 'institution_coordinator':
      return actor.institutionId ? { kind: 'institution', institutionId: actor.institutionId } : { kind: 'none' };
    case 'teacher':
      return actor.instructorId ? { kind: 'instructor', instructorId: actor.instructorId } : { kind: 'none' };
  }
}

/** Analysts read; everyone else writes within their reach. */
export const mayWrite = (actor: Actor): boolean => actor.role !== 'analyst';
