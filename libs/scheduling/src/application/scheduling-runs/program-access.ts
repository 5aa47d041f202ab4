import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';

/** Timetabling runs and pairing proposals span institutions: program coordinators (and admins, the system) only. */
export function requireProgramScheduler(actor: Actor): void {
  if (!['system', 'admin', 'program_coordinator'].includes(actor.role))
    throw ApplicationError.forbidden('Only program coordinators may propose pairings or run and publish the timetabling engine.');
}
