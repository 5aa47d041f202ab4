import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { assertSlot, checkSlot, type CheckSlotInput, type SlotViolation } from '../domain/check-slot.js';
import type { JointSession, Term } from '../domain/model.js';
import { pairingInReach, requireScheduler, sessionInReach, sessionScope, withinScope } from './access.js';
import { SYSTEM_ACTOR, type Actor } from './actor.js';
import { recordChange } from './audit-log.js';
import { ApplicationError } from './errors.js';
import { requireReference } from './catalog.js';
import type { JointSessionFilter, Page, PageRequest, Stores, UnitOfWork } from './ports/stores.js';
import { buildSessionViews, type JointSessionView } from './session-views.js';

export interface PlaceSessionCommand {
  pairingId: string;
  /** UTC ISO instant. */
  startsAt: string;
  durationMinutes: number;
  /** Defaults to every class of the pairing. */
  westernClassIds?: string[];
  meetingUrl?: string | null;
}

export interface MoveSessionCommand {
  startsAt?: string;
  durationMinutes?: number;
  meetingUrl?: string | null;
}

const DAY_MS = 86_400_000;

/** Gathers everything `checkSlot` needs to judge one session of a pairing, from the stores. */
async function slotContext(
  stores: Stores,
  command: { pairingId: string; startsAt: string; endsAt: string; westernClassIds?: string[] },
  ignoreSessionId: string | null,
): Promise<{ input: CheckSlotInput; instructorId: string; westernClassIds: string[]; anchorTimeZone: string }> {
  const pairing = await requireReference(stores.pairings, command.pairingId, 'pairingId', 'pairing');
  if (pairing.status === 'ended')
    throw ApplicationError.invalidInput(
      'pairingId',
      'this pairing has ended; sessions can only be placed for proposed or confirmed pairings',
    );
  const westernClassIds = command.westernClassIds ?? pairing.westernClassIds;
  if (westernClassIds.length === 0)
    throw ApplicationError.invalidInput('westernClassIds', 'a joint session needs at least one western class');
  westernClassIds.forEach((id, index) => {
    if (!pairing.westernClassIds.includes(id))
      throw ApplicationError.invalidInput(`westernClassIds[${index}]`, `class ${id} is not part of this pairing`);
  });

  const instructor = await requireReference(stores.instructors, pairing.instructorId, 'instructorId', 'instructor');
  const instructorInstitution = await stores.institutions.findById(instructor.institutionId);
  const classes = await stores.westernClasses.findByIds(westernClassIds);
  const contexts = await Promise.all(
    classes.map(async (westernClass) => {
      const institution = await requireReference(stores.institutions, westernClass.institutionId, 'institutionId', 'institution');
      const term = await requireReference(stores.terms, westernClass.termId, 'termId', 'term');
      return { westernClass, institution, term };
    }),
  );

  // Sessions that can matter: the whole span of the classes' terms (term caps), a day of slack for zones.
  const termStart = Math.min(...contexts.map((c) => DateTime.fromISO(c.term.startLocalDate, { zone: 'utc' }).toMillis())) - DAY_MS;
  const termEnd = Math.max(...contexts.map((c) => DateTime.fromISO(c.term.endLocalDate, { zone: 'utc' }).toMillis())) + 2 * DAY_MS;
  const from = new Date(Math.min(termStart, Date.parse(command.startsAt) - DAY_MS)).toISOString();
  const to = new Date(Math.max(termEnd, Date.parse(command.endsAt) + DAY_MS)).toISOString();
  const hostIds = [...new Set(classes.map((c) => c.hostTeacherId).filter((id): id is string => id !== null))];
  await stores.jointSessions.lockParties([instructor.id, ...hostIds], westernClassIds);

  const all = async (filter: { instructorId?: string; westernClassId?: string }) =>
    (await stores.jointSessions.list({ ...filter, status: 'scheduled', from, to }, { page: 1, pageSize: 10_000 })).items;
  const instructorSessions = await all({ instructorId: instructor.id });
  const hostTeacherSessions: Record<string, JointSession[]> = {};
  const hostTeacherNames: Record<string, string> = {};
  for (const host of await stores.instructors.findByIds(hostIds)) hostTeacherNames[host.id] = host.name;
  for (const hostId of hostIds) {
    const hostedClasses = (await stores.westernClasses.list({ hostTeacherId: hostId }, { page: 1, pageSize: 1000 })).items;
    const sessions = await Promise.all(hostedClasses.map((c) => all({ westernClassId: c.id })));
    hostTeacherSessions[hostId] = [...new Map(sessions.flat().map((s) => [s.id, s])).values()];
  }
  // Every term of the instructor's institution: each date the slot touches must fall in one of them.
  const instructorTerms = await allTermsOf(stores, instructor.institutionId);

  const input: CheckSlotInput = {
    startsAt: command.startsAt,
    endsAt: command.endsAt,
    instructor,
    instructorInstitution,
    instructorTerms,
    instructorSessions,
    classes: await Promise.all(contexts.map(async (c) => ({ ...c, sessions: await all({ westernClassId: c.westernClass.id }) }))),
    hostTeacherSessions,
    hostTeacherNames,
    ignoreSessionId,
  };
  const anchorTimeZone = contexts[0]!.institution.timeZone;
  return { input, instructorId: instructor.id, westernClassIds, anchorTimeZone };
}

async function allTermsOf(stores: Stores, institutionId: string): Promise<Term[]> {
  const out: Term[] = [];
  for (let page = 1; ; page++) {
    const found = await stores.terms.list({ institutionId }, { page, pageSize: 100 });
    out.push(...found.items);
    if (page * found.pageSize >= found.total) return out;
  }
}

function endOf(startsAt: string, durationMinutes: number): string {
  return DateTime.fromISO(startsAt, { zone: 'utc' }).plus({ minutes: durationMinutes }).toUTC().toISO()!;
}

function normalize(instant: string, field: string): string {
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(instant))
    throw ApplicationError.invalidInput(field, 'must be an ISO-8601 instant with a zone offset, e.g. 2026-09-28T02:00:00Z');
  return parsed.toUTC().toISO()!;
}

/** A pairing out of the actor's reach reads as missing: the answer never confirms it exists. */
async function requirePairingInReach(stores: Stores, actor: Actor, pairingId: string): Promise<void> {
  const pairing = await stores.pairings.findById(pairingId);
  if (pairing && !(await pairingInReach(stores, actor, pairing)))
    throw ApplicationError.invalidReference('pairingId', 'pairing', pairingId);
}

/** Loads a session the actor reaches, or 404. */
async function loadInReach(stores: Stores, actor: Actor, id: string): Promise<JointSession> {
  const found = await stores.jointSessions.findById(id);
  if (!found || !(await sessionInReach(stores, actor, found))) throw ApplicationError.notFound('joint session', id);
  return found;
}

/**
 * Places, moves, cancels and checks hand-made joint sessions, refusing any that breaks a rule.
 * Every method takes the acting user (default: the system) and keeps to their reach; changes are
 * written to the audit log in the same unit of work.
 */
export class JointSessions {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Dry run: every rule the slot would break, empty when it can be booked. */
  check(command: PlaceSessionCommand, actor: Actor = SYSTEM_ACTOR): Promise<SlotViolation[]> {
    requireScheduler(actor);
    const startsAt = normalize(command.startsAt, 'startsAt');
    return this.unitOfWork.run(async (stores) => {
      await requirePairingInReach(stores, actor, command.pairingId);
      const { input } = await slotContext(stores, { ...command, startsAt, endsAt: endOf(startsAt, command.durationMinutes) }, null);
      return checkSlot(input);
    });
  }

  place(command: PlaceSessionCommand, actor: Actor = SYSTEM_ACTOR): Promise<JointSession> {
    requireScheduler(actor);
    const startsAt = normalize(command.startsAt, 'startsAt');
    const endsAt = endOf(startsAt, command.durationMinutes);
    return this.unitOfWork.run(async (stores) => {
      await requirePairingInReach(stores, actor, command.pairingId);
      const context = await slotContext(stores, { ...command, startsAt, endsAt }, null);
      assertSlot(context.input);
      const session: JointSession = {
        id: this.newId(),
        pairingId: command.pairingId,
        instructorId: context.instructorId,
        startsAt,
        endsAt,
        anchorTimeZone: context.anchorTimeZone,
        westernClassIds: [...context.westernClassIds].sort(),
        status: 'scheduled',
        version: 1,
        meetingUrl: command.meetingUrl ?? null,
      };
      await stores.jointSessions.save(session);
      await stores.outbox.add({ kind: 'session-changed', sessionId: session.id, version: session.version });
      await recordChange(stores, actor, {
        entityType: 'joint_session',
        entityId: session.id,
        action: 'create',
        before: null,
        after: session,
      });
      return session;
    });
  }

  /** Dry run of a move: every rule the session would break at its new time (it never clashes with itself). */
  checkMove(id: string, command: MoveSessionCommand, actor: Actor = SYSTEM_ACTOR): Promise<SlotViolation[]> {
    requireScheduler(actor);
    return this.unitOfWork.run(async (stores) => {
      const current = await loadInReach(stores, actor, id);
      const startsAt = command.startsAt ? normalize(command.startsAt, 'startsAt') : current.startsAt;
      const duration = command.durationMinutes ?? (Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000;
      const endsAt = endOf(startsAt, duration);
      const { input } = await slotContext(
        stores,
        { pairingId: current.pairingId, startsAt, endsAt, westernClassIds: current.westernClassIds },
        id,
      );
      return checkSlot(input);
    });
  }

  move(id: string, command: MoveSessionCommand, actor: Actor = SYSTEM_ACTOR): Promise<JointSession> {
    requireScheduler(actor);
    return this.unitOfWork.run(async (stores) => {
      const current = await loadInReach(stores, actor, id);
      if (current.status !== 'scheduled') throw ApplicationError.invalidInput('status', `a ${current.status} session cannot be changed`);
      const startsAt = command.startsAt ? normalize(command.startsAt, 'startsAt') : current.startsAt;
      const duration = command.durationMinutes ?? (Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000;
      const endsAt = endOf(startsAt, duration);
      if (startsAt !== current.startsAt || endsAt !== current.endsAt) {
        const context = await slotContext(
          stores,
          { pairingId: current.pairingId, startsAt, endsAt, westernClassIds: current.westernClassIds },
          id,
        );
        assertSlot(context.input);
      }
      const moved: JointSession = {
        ...current,
        startsAt,
        endsAt,
        meetingUrl: command.meetingUrl === undefined ? current.meetingUrl : command.meetingUrl,
        version: current.version + 1,
      };
      await stores.jointSessions.save(moved);
      await stores.outbox.add({ kind: 'session-changed', sessionId: moved.id, version: moved.version });
      await recordChange(stores, actor, { entityType: 'joint_session', entityId: id, action: 'update', before: current, after: moved });
      return moved;
    });
  }

  cancel(id: string, actor: Actor = SYSTEM_ACTOR): Promise<JointSession> {
    requireScheduler(actor);
    return this.unitOfWork.run(async (stores) => {
      const current = await loadInReach(stores, actor, id);
      if (current.status === 'cancelled') return current;
      if (current.status === 'completed') throw ApplicationError.invalidInput('status', 'a completed session cannot be cancelled');
      const cancelled: JointSession = { ...current, status: 'cancelled', version: current.version + 1 };
      await stores.jointSessions.save(cancelled);
      await stores.outbox.add({ kind: 'session-changed', sessionId: cancelled.id, version: cancelled.version });
      await recordChange(stores, actor, { entityType: 'joint_session', entityId: id, action: 'update', before: current, after: cancelled });
      return cancelled;
    });
  }

  view(id: string, actor: Actor = SYSTEM_ACTOR): Promise<JointSessionView> {
    return this.unitOfWork.run(async (stores) => {
      const found = await loadInReach(stores, actor, id);
      return (await buildSessionViews(stores, [found]))[0]!;
    });
  }

  listViews(filter: JointSessionFilter, page: PageRequest, actor: Actor = SYSTEM_ACTOR): Promise<Page<JointSessionView>> {
    return this.unitOfWork.run(async (stores) => {
      const scoped = withinScope(filter, sessionScope(actor));
      if (!scoped) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
      const sessions = await stores.jointSessions.list(scoped, page);
      return { ...sessions, items: await buildSessionViews(stores, sessions.items) };
    });
  }

  get(id: string, actor: Actor = SYSTEM_ACTOR): Promise<JointSession> {
    return this.unitOfWork.run((stores) => loadInReach(stores, actor, id));
  }
}
