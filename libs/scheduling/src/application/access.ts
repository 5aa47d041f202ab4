import type { Institution, Instructor, JointSession, Pairing, WesternClass } from '../domain/model.js';
import { reachOf, type Actor } from './actor.js';
import { ApplicationError } from './errors.js';
import type { JointSessionFilter, Stores } from './ports/stores.js';

/** Whether a record of `institutionId` that belongs to teacher `teacherId` (themself, a class's host) is within reach. */
function ownedRecordInReach(actor: Actor, teacherId: string | null, institutionId: string): boolean {
  const reach = reachOf(actor);
  switch (reach.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'instructor':
      return teacherId === reach.instructorId;
    case 'institution':
      return institutionId === reach.institutionId;
  }
}

/** Whether an instructor or host teacher is within reach: an institution coordinator's own staff, a teacher themself. */
export const instructorInReach = (actor: Actor, instructor: Pick<Instructor, 'id' | 'institutionId'>): boolean =>
  ownedRecordInReach(actor, instructor.id, instructor.institutionId);

/** Whether a western class is within reach: one of an institution coordinator's classes, or one the teacher hosts. */
export const westernClassInReach = (actor: Actor, westernClass: Pick<WesternClass, 'institutionId' | 'hostTeacherId'>): boolean =>
  ownedRecordInReach(actor, westernClass.hostTeacherId, westernClass.institutionId);

/** Whether an institution is within reach: an institution coordinator's own; never a teacher's (as on `/institutions`). */
export function institutionInReach(actor: Actor, institution: Pick<Institution, 'id'>): boolean {
  const reach = reachOf(actor);
  return reach.kind === 'all' || (reach.kind === 'institution' && institution.id === reach.institutionId);
}

/**
 * Whether a pairing or session is within the actor's reach: for an institution coordinator, its
 * instructor or one of its classes belongs to their institution; for a teacher, they give it or
 * host one of its classes.
 */
async function involves(stores: Stores, actor: Actor, instructorId: string, westernClassIds: readonly string[]): Promise<boolean> {
  const reach = reachOf(actor);
  if (reach.kind === 'all' || reach.kind === 'none') return reach.kind === 'all';
  const instructor = await stores.instructors.findById(instructorId);
  if (instructor && instructorInReach(actor, instructor)) return true;
  return (await stores.westernClasses.findByIds(westernClassIds)).some((c) => westernClassInReach(actor, c));
}

export const pairingInReach = (stores: Stores, actor: Actor, pairing: Pairing) =>
  involves(stores, actor, pairing.instructorId, pairing.westernClassIds);

export const sessionInReach = (stores: Stores, actor: Actor, session: JointSession) =>
  involves(stores, actor, session.instructorId, session.westernClassIds);

/** The session filter that confines a list to the actor's reach; null when they reach none. */
export function sessionScope(actor: Actor): Partial<JointSessionFilter> | null {
  const reach = reachOf(actor);
  switch (reach.kind) {
    case 'all':
      return {};
    case 'institution':
      return { involvesInstitutionId: reach.institutionId };
    case 'instructor':
      return { involvesTeacherId: reach.instructorId };
    case 'none':
      return null;
  }
}

/** Merges a scope over a request's filter; null when the request asks for something the scope excludes. */
export function withinScope<F extends object>(filter: F, scope: Partial<F> | null): F | null {
  if (scope === null) return null;
  for (const [key, value] of Object.entries(scope)) {
    const asked = (filter as Record<string, unknown>)[key];
    if (asked !== undefined && asked !== value) return null;
  }
  return { ...filter, ...scope };
}

/** Coordinators (and the system) change scheduling data; analysts and teachers do not. */
export function requireScheduler(actor: Actor): void {
  if (!['system', 'admin', 'program_coordinator', 'institution_coordinator'].includes(actor.role))
    throw ApplicationError.forbidden('Only coordinators may change scheduling data.');
}
