import type { ChannelKind, NotificationKind, OutboxRecord, RecipientKind, WebhookFlavor } from './notifications.js';

/** One message to send at `dueAt` (UTC ISO); its job id is the delivery key, so adding it twice is a no-op. */
export interface ScheduledDelivery {
  deliveryKey: string;
  kind: NotificationKind;
  sessionId: string;
  sessionVersion: number;
  recipientKind: RecipientKind;
  recipientId: string;
  offsetMinutes: number | null;
  changedSessionId: string | null;
  dueAt: string;
  /** Set for a coordinator's retry of a dead letter: a new job for the same delivery key. */
  retry?: number;
}

/** Records the teaching activity of a session when it ends (`endsAt`, UTC ISO), for this version only. */
export interface ScheduledSessionEnd {
  sessionId: string;
  sessionVersion: number;
  endsAt: string;
}

/**
 * The job queue as the use cases see it (BullMQ behind it). Every method is idempotent: job ids
 * are deterministic, so a repeated call after a crash adds nothing twice. Throws while the queue
 * is unreachable; callers leave their work in the outbox and try again.
 */
export abstract class ReminderScheduler {
  /** Delayed jobs for each delivery, due at its `dueAt` measured against `now` (UTC ISO). */
  abstract scheduleDeliveries(deliveries: readonly ScheduledDelivery[], now: string): Promise<void>;
  abstract scheduleSessionEnd(end: ScheduledSessionEnd, now: string): Promise<void>;
  /** Of the given delivery keys, those with a job in the queue (waiting, delayed, active or kept). */
  abstract existingDeliveries(deliveryKeys: readonly string[]): Promise<Set<string>>;
  abstract existingSessionEnds(ends: readonly ScheduledSessionEnd[]): Promise<Set<string>>;
}

/** Moves committed outbox events into the queue (a planning job per changed session, a retry job...). */
export abstract class OutboxPublisher {
  abstract publish(records: readonly OutboxRecord[]): Promise<void>;
}

export const sessionEndKey = (end: Pick<ScheduledSessionEnd, 'sessionId' | 'sessionVersion'>): string =>
  `end-${end.sessionId}-v${end.sessionVersion}`;

/** A message ready to go out, in the recipient's language, with its delivery key (also the email Message-ID). */
export interface OutgoingMessage {
  deliveryKey: string;
  kind: NotificationKind;
  subject: string;
  text: string;
  recipientName: string;
  sessionId: string;
  /** Extra facts for machine readers of the webhook body. */
  facts: Record<string, string | number | null>;
}

export interface ChannelAddress {
  email: string | null;
  webhookUrl: string | null;
  webhookFlavor: WebhookFlavor;
  webhookSecret: string | null;
}

/** A channel said no for good (a 5xx SMTP reply, a 4xx webhook answer): retrying it cannot help. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/**
 * Sends over the outside channels (email, webhook). Resolves when the channel accepted the message;
 * throws PermanentDeliveryError when it never will, any other error when a retry may help.
 */
export abstract class NotificationSender {
  abstract send(channel: Exclude<ChannelKind, 'inbox'>, message: OutgoingMessage, address: ChannelAddress): Promise<void>;
}
