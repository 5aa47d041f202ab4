import { composeSessionMessage, composeTimeChangeNotice } from '../../domain/reminder-message.js';
import { isoAt } from '../../domain/zoned-interval.js';
import type { Clock } from '../ports/clock.js';
import {
  type NotificationSender,
  PermanentDeliveryError,
  type OutgoingMessage,
  type ScheduledDelivery,
} from '../ports/notification-jobs.js';
import type { ChannelKind, ClaimResult, Delivery, DeliveryAttempt, NewDelivery, SentDelivery } from '../ports/notifications.js';
import type { Stores, UnitOfWork } from '../ports/stores.js';
import { AudienceCache, loadInUnit } from './audience-cache.js';
import { timeChangesFor, type AudienceMember } from './session-audience.js';
import { batchInUnit } from './unit-batch.js';
import { timeOrderedId } from '../ledger/activity-id.js';

interface ClaimRequest {
  delivery: NewDelivery;
  now: string;
  leaseUntil: string;
}

/** The claims of one unit of work in one call: the earliest "now" (a lease expires no sooner) and the latest lease. */
function claimTogether(stores: Stores, requests: ClaimRequest[]): Promise<ClaimResult[]> {
  const now = requests.reduce((min, r) => (r.now < min ? r.now : min), requests[0]!.now);
  const leaseUntil = requests.reduce((max, r) => (r.leaseUntil > max ? r.leaseUntil : max), requests[0]!.leaseUntil);
  return stores.deliveries.claimMany(
    requests.map((r) => r.delivery),
    now,
    leaseUntil,
  );
}

export type DeliverOutcome =
  | { outcome: 'sent'; channel: ChannelKind; deliveryId: string }
  /** Sent, dead or dropped before: the delivery key stopped a second message. */
  | { outcome: 'already-done'; deliveryId: string }
  /** Not due any more: the session moved or was cancelled (stale version), or the person left it. */
  | { outcome: 'stale'; reason: string };

/** Another attempt holds the delivery (it may be sending right now): retry later, never send twice. */
export class DeliveryBusyError extends Error {
  override readonly name = 'DeliveryBusyError';
}

/** Every channel the person chose refused the message for good. */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

interface Prepared {
  delivery: Delivery;
  member: AudienceMember;
  message: OutgoingMessage;
}

/**
 * Sends one planned message exactly once. It re-reads the session (a reminder of an older version,
 * or of a cancelled session, is dropped), claims the delivery key in the database (the last guard
 * against a second message when the queue delivers a job twice), then tries the person's channels
 * in order: a permanent refusal moves on to the next channel, any other failure gives the claim
 * back and propagates so the queue retries with backoff; on the final attempt it goes to the dead letters.
 */
export class DeliverNotification {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
    /** How long a claim protects a send in progress; longer than any channel's own timeout. */
    private readonly leaseMs = 60_000,
    /** Time-ordered, so a batch's delivery and attempt rows share index pages (fewer pages written per commit). */
    private readonly newId: () => string = () => timeOrderedId(),
    private readonly audiences = new AudienceCache(),
  ) {}

  /** `finalAttempt`: the queue's last attempt, so a failure now sends the message to the dead letters. */
  async execute(command: ScheduledDelivery, finalAttempt: boolean): Promise<DeliverOutcome> {
    const prepared = await this.unitOfWork.run((stores) => this.prepare(stores, command));
    // Thrown outside the unit, so a batched unit of work never rolls back its neighbours for it.
    if ('busy' in prepared)
      throw new DeliveryBusyError(`${command.deliveryKey} is held by another attempt until ${prepared.busy.leaseUntil}`);
    if ('outcome' in prepared) return prepared;
    const { delivery, member, message } = prepared;
    const failures: string[] = [];
    for (const channel of member.channels) {
      if (channel === 'inbox') {
        await this.toInbox(delivery, member, message);
        return { outcome: 'sent', channel, deliveryId: delivery.id };
      }
      try {
        await this.sender.send(channel, message, member.address);
      } catch (error) {
        const text = describe(error);
        if (error instanceof PermanentDeliveryError) {
          failures.push(`${channel}: ${text}`);
          await this.log(delivery.id, channel, 'permanent-failure', text);
          continue;
        }
        await this.unitOfWork.run(async (stores) => {
          await stores.deliveries.logAttempt(this.attempt(delivery.id, channel, 'failed', text));
          if (finalAttempt) await stores.deliveries.markDead(delivery.id, `${channel}: ${text}`, this.now());
          else await stores.deliveries.release(delivery.id, `${channel}: ${text}`, this.now());
        });
        throw error;
      }
      await this.finish(delivery.id, channel, message.subject);
      return { outcome: 'sent', channel, deliveryId: delivery.id };
    }
    const reason = failures.length > 0 ? failures.join('; ') : 'no channel chosen';
    await this.unitOfWork.run((stores) => stores.deliveries.markDead(delivery.id, reason, this.now()));
    throw new DeliveryFailedError(`Every channel refused ${delivery.deliveryKey}: ${reason}`, true);
  }

  private async prepare(stores: Stores, command: ScheduledDelivery): Promise<Prepared | DeliverOutcome | { busy: Delivery }> {
    const nowMillis = this.clock.nowMillis();
    const now = isoAt(nowMillis);
    const session = await loadInUnit(stores, 'session', command.sessionId, (ids) => stores.jointSessions.findByIds(ids));
    if (!session) return { outcome: 'stale', reason: 'the session no longer exists' };
    switch (command.kind) {
      case 'reminder':
        if (session.status !== 'scheduled' || session.version !== command.sessionVersion)
          return { outcome: 'stale', reason: `session is ${session.status}, version ${session.version}` };
        if (Date.parse(session.startsAt) <= nowMillis) return { outcome: 'stale', reason: 'the class has started' };
        break;
      case 'cancellation':
        if (session.status !== 'cancelled' || session.version !== command.sessionVersion)
          return { outcome: 'stale', reason: `session is ${session.status}, version ${session.version}` };
        break;
      case 'time-change':
        if (session.status !== 'scheduled') return { outcome: 'stale', reason: `session is ${session.status}` };
        break;
    }
    const audience = await this.audiences.load(stores, session);
    const member = audience.members.find((m) => m.recipient.kind === command.recipientKind && m.recipient.id === command.recipientId);
    if (!member) return { outcome: 'stale', reason: 'the person no longer takes part' };

    let message: OutgoingMessage;
    if (command.kind === 'time-change') {
      const series = (await stores.jointSessions.list({ pairingId: session.pairingId, status: 'scheduled' }, { page: 1, pageSize: 1000 }))
        .items;
      const change = timeChangesFor(series, member.timeZones[0]!, now).find(
        (c) => c.sessionId === session.id && command.deliveryKey.endsWith(c.localTime.replace(':', 'h')),
      );
      if (!change) return { outcome: 'stale', reason: 'the local time no longer changes' };
      const text = composeTimeChangeNotice({ locale: member.locale, change, courseTitle: audience.courseTitle });
      message = this.message(command, member, text, {
        kind: command.kind,
        sessionId: command.sessionId,
        version: command.sessionVersion,
        locale: member.locale,
        timeZone: change.timeZone,
        localDate: change.localDate,
        localTime: change.localTime,
        previousLocalTime: change.previousLocalTime,
      });
    } else {
      const text = composeSessionMessage({
        kind: command.kind,
        locale: member.locale,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        recipientTimeZones: member.timeZones,
        partners: member.partners,
        courseTitle: audience.courseTitle,
        westernClassNames: audience.westernClassNames,
        meetingUrl: session.meetingUrl,
        offsetMinutes: command.offsetMinutes,
      });
      // Every fact written out, no spread: this runs for every message.
      message = this.message(command, member, text, {
        kind: command.kind,
        sessionId: command.sessionId,
        version: command.sessionVersion,
        locale: member.locale,
        timeZone: member.timeZones[0]!,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        meetingUrl: session.meetingUrl,
        offsetMinutes: command.offsetMinutes,
      });
    }

    const fresh: NewDelivery = {
      id: this.newId(),
      deliveryKey: command.deliveryKey,
      kind: command.kind,
      sessionId: command.sessionId,
      sessionVersion: command.sessionVersion,
      recipient: member.recipient,
      offsetMinutes: command.offsetMinutes,
      changedSessionId: command.changedSessionId,
    };
    const request = { delivery: fresh, now, leaseUntil: isoAt(nowMillis + this.leaseMs) };
    // Claims of the jobs sharing this unit of work go to the store in one call.
    const claim = await batchInUnit(stores, 'claim', request, (requests) => claimTogether(stores, requests));
    switch (claim.outcome) {
      case 'done':
        return { outcome: 'already-done', deliveryId: claim.delivery.id };
      case 'busy':
        return { busy: claim.delivery };
      case 'claimed':
        return { delivery: claim.delivery, member, message };
    }
  }

  private message(
    command: ScheduledDelivery,
    member: AudienceMember,
    text: { subject: string; text: string },
    facts: OutgoingMessage['facts'],
  ): OutgoingMessage {
    return {
      deliveryKey: command.deliveryKey,
      kind: command.kind,
      subject: text.subject,
      text: text.text,
      recipientName: member.name,
      sessionId: command.sessionId,
      facts,
    };
  }

  private toInbox(delivery: Delivery, member: AudienceMember, message: OutgoingMessage): Promise<void> {
    return this.unitOfWork.run(async (stores) => {
      const at = this.now();
      await stores.inbox.add({
        id: this.newId(),
        recipient: member.recipient,
        deliveryId: delivery.id,
        subject: message.subject,
        body: message.text,
        sessionId: message.sessionId,
        createdAt: at,
        readAt: null,
      });
      await stores.deliveries.markSent(delivery.id, 'inbox', message.subject, at);
      await stores.deliveries.logAttempt(this.attempt(delivery.id, 'inbox', 'sent', null));
    });
  }

  private finish(deliveryId: string, channel: ChannelKind, subject: string): Promise<void> {
    const sent: SentDelivery = { id: deliveryId, channel, subject, at: this.now(), attemptId: this.newId() };
    // Settled together with the other jobs of the unit, in one call to the store.
    return this.unitOfWork.run((stores) =>
      batchInUnit(stores, 'sent', sent, (all) => stores.deliveries.markSentMany(all).then(() => all)).then(() => undefined),
    );
  }

  private log(deliveryId: string, channel: ChannelKind, outcome: DeliveryAttempt['outcome'], error: string | null): Promise<void> {
    return this.unitOfWork.run((stores) => stores.deliveries.logAttempt(this.attempt(deliveryId, channel, outcome, error)));
  }

  private attempt(
    deliveryId: string,
    channel: ChannelKind | null,
    outcome: DeliveryAttempt['outcome'],
    error: string | null,
  ): DeliveryAttempt {
    return { id: this.newId(), deliveryId, channel, outcome, error, at: this.now() };
  }

  private now(): string {
    // The same text as luxon's toISO() in UTC, without building a DateTime on every message.
    return isoAt(this.clock.nowMillis());
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
