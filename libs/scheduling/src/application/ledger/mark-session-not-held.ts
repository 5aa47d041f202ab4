import type { Actor } from '../actor.js';
import { ApplicationError, ApplicationErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { LedgerUnitOfWork, TeachingLedger } from '../ports/ledger.js';
import type { Stores } from '../ports/stores.js';
import { timeOrderedId } from './activity-id.js';
import { activityFromSession, assertMayChangeActivity } from './record-teaching-activity.js';
import type { TeachingActivity } from './teaching-activity.js';

export interface MarkSessionNotHeldCommand {
  /** The activity, or (before or after it is recorded) its joint session: give exactly one. */
  activityId?: string;
  jointSessionId?: string;
  actor: Actor;
  reason?: string | null;
  /** The joint session that makes up for this one. */
  makeUpSessionId?: string | null;
}

/**
 * Marks a session as not held: its activity stops counting everywhere (the rollups move in the same
 * transaction) and may link the make-up session, which counts on its own when it ends. Marking a
 * session before it was recorded records it as not held, so the session-end job records nothing.
 * Repeating it only updates the reason and the link.
 */
export class MarkSessionNotHeld {
  constructor(
    private readonly ledgerUnitOfWork: LedgerUnitOfWork,
    private readonly clock: Clock,
    private readonly newId: () => string = () => timeOrderedId(),
  ) {}

  execute(command: MarkSessionNotHeldCommand): Promise<TeachingActivity> {
    if (!command.activityId === !command.jointSessionId)
      throw ApplicationError.invalidInput('activityId', 'give either the activity or the joint session');
    const now = this.clock.now().toUTC().toISO()!;
    return this.ledgerUnitOfWork.run(async (stores, ledger) => {
      const current = await this.load(stores, ledger, command, now);
      assertMayChangeActivity(command.actor, current.activity);
      if (command.makeUpSessionId) {
        if (command.makeUpSessionId === current.activity.jointSessionId)
          throw ApplicationError.invalidInput('makeUpSessionId', 'a session cannot make up for itself');
        const makeUp = await stores.jointSessions.findById(command.makeUpSessionId);
        if (!makeUp) throw ApplicationError.invalidReference('makeUpSessionId', 'joint session', command.makeUpSessionId);
        if (makeUp.status === 'cancelled')
          throw ApplicationError.invalidInput('makeUpSessionId', 'that session is cancelled; link the session that actually makes up');
      }
      const next: TeachingActivity = {
        ...current.activity,
        status: 'not_held',
        notHeldReason: command.reason === undefined ? current.activity.notHeldReason : command.reason,
        makeUpSessionId: command.makeUpSessionId === undefined ? current.activity.makeUpSessionId : command.makeUpSessionId,
      };
      if (current.isNew) {
        const [appended] = await ledger.append([next]);
        if (appended) return appended;
        throw new ApplicationError(ApplicationErrorCode.Conflict, 'The session was recorded meanwhile; try again.');
      }
      await ledger.replace(next);
      return next;
    });
  }

  private async load(
    stores: Stores,
    ledger: TeachingLedger,
    command: MarkSessionNotHeldCommand,
    now: string,
  ): Promise<{ activity: TeachingActivity; isNew: boolean }> {
    if (command.activityId) {
      const activity = await ledger.findById(command.activityId);
      if (!activity) throw ApplicationError.notFound('teaching activity', command.activityId);
      return { activity, isNew: false };
    }
    const sessionId = command.jointSessionId!;
    const recorded = await ledger.findByJointSession(sessionId);
    if (recorded) return { activity: recorded, isNew: false };
    const session = await stores.jointSessions.findById(sessionId);
    if (!session) throw ApplicationError.notFound('joint session', sessionId);
    if (session.status === 'cancelled') throw ApplicationError.invalidInput('jointSessionId', 'a cancelled session is not counted anyway');
    return { activity: await activityFromSession(stores, session, { id: this.newId(), status: 'not_held', recordedAt: now }), isNew: true };
  }
}
