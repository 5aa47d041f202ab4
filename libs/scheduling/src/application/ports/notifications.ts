import type { QuietHours } from '../../domain/reminder-plan.js';
import type { Page, PageRequest } from './stores.js';

/**
 * Something a committed scheduling change implies for the job queue. Written by the use case in the
 * SAME unit of work as the change (`stores.outbox.add`), relayed to the queue after commit.
 */
export type OutboxEvent =
  /** A session was created, published, moved, re-linked or cancelled: (re)plan its notifications. */
  | { kind: 'session-changed'; sessionId: string; version: number }
  /** A coordinator asked to send a dead-lettered message again. */
  | { kind: 'delivery-retry'; deliveryId: string; retry: number };

export interface OutboxRecord {
  id: string;
  event: OutboxEvent;
  /** UTC ISO instant. */
  createdAt: string;
}

export abstract class OutboxStore {
  /** Adds an event to the caller's unit of work; it commits (or rolls back) with the change. */
  abstract add(event: OutboxEvent): Promise<void>;
  /** Oldest events not relayed yet. */
  abstract pending(limit: number): Promise<OutboxRecord[]>;
  /** Marks events relayed at `at` (UTC ISO); idempotent. */
  abstract markRelayed(ids: readonly string[], at: string): Promise<void>;
}

/** Who receives: an instructor or host teacher (by instructor id) or a signed-in user (a coordinator). */
export type RecipientKind = 'instructor' | 'user';
export interface RecipientRef {
  kind: RecipientKind;
  id: string;
}
export const recipientKey = (r: RecipientRef): string => `${r.kind === 'instructor' ? 'i' : 'u'}${r.id}`;

export type ChannelKind = 'email' | 'webhook' | 'inbox';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['email', 'webhook', 'inbox'];
/** How the webhook body is shaped: a DingTalk or WeCom robot, a Slack incoming webhook, or plain JSON. */
export type WebhookFlavor = 'generic' | 'dingtalk' | 'wecom' | 'slack';

/** One person's choices; `null` inherits (offsets and quiet hours from the institution, locale from the account). */
export interface PersonReminderPreferences {
  recipient: RecipientRef;
  offsetsMinutes: number[] | null;
  quietHours: QuietHours | null;
  /** Channels in order of preference: the next is tried when one fails permanently. */
  channels: ChannelKind[] | null;
  locale: string | null;
  email: string | null;
  webhookUrl: string | null;
  webhookFlavor: WebhookFlavor;
  /** HMAC key for this person's webhook; the service-wide key signs when null. */
  webhookSecret: string | null;
  /** Coordinators only: also hear about the sessions they coordinate. */
  coordinatorReminders: boolean;
  /** Coordinators only: the zone their clock shows (default: their institution's, else Beijing time). */
  timeZone: string | null;
  updatedAt: string;
}

export interface InstitutionReminderSettings {
  institutionId: string;
  offsetsMinutes: number[] | null;
  quietHours: QuietHours | null;
  updatedAt: string;
}

/** The account that belongs to a teacher, for the address and language. */
export interface TeacherAccount {
  userId: string;
  instructorId: string;
  email: string;
  locale: string;
  displayName: string;
}

/** A coordinator who asked for reminders. */
export interface SubscribedCoordinator {
  userId: string;
  displayName: string;
  role: 'program_coordinator' | 'institution_coordinator';
  institutionId: string | null;
  email: string;
  locale: string;
}

export abstract class ReminderSettingsStore {
  abstract findPerson(recipient: RecipientRef): Promise<PersonReminderPreferences | null>;
  abstract findPeople(recipients: readonly RecipientRef[]): Promise<PersonReminderPreferences[]>;
  abstract savePerson(preferences: PersonReminderPreferences): Promise<void>;
  abstract findInstitutions(institutionIds: readonly string[]): Promise<InstitutionReminderSettings[]>;
  abstract saveInstitution(settings: InstitutionReminderSettings): Promise<void>;
  /** Teachers' accounts by instructor id (a teacher without an account is simply absent). */
  abstract teacherAccounts(instructorIds: readonly string[]): Promise<TeacherAccount[]>;
  /** Coordinators whose preferences say `coordinatorReminders`. */
  abstract subscribedCoordinators(): Promise<SubscribedCoordinator[]>;
}

export type NotificationKind = 'reminder' | 'cancellation' | 'time-change';
/**
 * `pending`: to send; `sending`: claimed by one attempt until `leaseUntil`; `sent`: done (never sent
 * again); `dead`: every channel and retry failed (a coordinator may retry); `dropped`: not due any more.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'dropped';

/** One message to one person, identified by its delivery key (unique in the database). */
export interface Delivery {
  id: string;
  deliveryKey: string;
  kind: NotificationKind;
  sessionId: string;
  sessionVersion: number;
  recipient: RecipientRef;
  offsetMinutes: number | null;
  /** The class whose local time changes (time-change notices). */
  changedSessionId: string | null;
  status: DeliveryStatus;
  channel: ChannelKind | null;
  attempts: number;
  leaseUntil: string | null;
  lastError: string | null;
  subject: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewDelivery = Pick<
  Delivery,
  'id' | 'deliveryKey' | 'kind' | 'sessionId' | 'sessionVersion' | 'recipient' | 'offsetMinutes' | 'changedSessionId'
>;

export type ClaimResult =
  | { outcome: 'claimed'; delivery: Delivery }
  /** Sent, dead or dropped already: nothing to do. */
  | { outcome: 'done'; delivery: Delivery }
  /** Another attempt holds the lease (it may still be sending). */
  | { outcome: 'busy'; delivery: Delivery };

/** A delivery sent on `channel` at `at`, with the id of the attempt that logs it. */
export interface SentDelivery {
  id: string;
  channel: ChannelKind;
  subject: string;
  at: string;
  attemptId: string;
}

export interface DeliveryAttempt {
  id: string;
  deliveryId: string;
  channel: ChannelKind | null;
  outcome: 'sent' | 'failed' | 'permanent-failure' | 'dropped';
  error: string | null;
  at: string;
}

export abstract class DeliveryStore {
  /**
   * Creates the delivery (first time) or takes it over: claims it for this attempt until
   * `leaseUntil` unless it is finished or another attempt's lease still runs. The unique delivery
   * key makes this the last guard against a second message.
   */
  abstract claim(delivery: NewDelivery, now: string, leaseUntil: string): Promise<ClaimResult>;
  /**
   * `claim` for many deliveries with a few multi-row statements; results in the order given. A key
   * given twice is claimed once: its later copies come back `busy`.
   */
  abstract claimMany(deliveries: readonly NewDelivery[], now: string, leaseUntil: string): Promise<ClaimResult[]>;
  abstract markSent(id: string, channel: ChannelKind, subject: string, at: string): Promise<void>;
  /** Marks each delivery sent and logs its successful attempt, with a few multi-row statements. */
  abstract markSentMany(sent: readonly SentDelivery[]): Promise<void>;
  /** Gives the claim back after a failure that a retry may fix. */
  abstract release(id: string, error: string, at: string): Promise<void>;
  abstract markDead(id: string, error: string, at: string): Promise<void>;
  abstract markDropped(id: string, reason: string, at: string): Promise<void>;
  abstract logAttempt(attempt: DeliveryAttempt): Promise<void>;
  abstract findById(id: string): Promise<Delivery | null>;
  abstract attempts(deliveryId: string): Promise<DeliveryAttempt[]>;
  abstract listDead(page: PageRequest): Promise<Page<Delivery>>;
  /** Makes a dead delivery pending again (a coordinator's retry). */
  abstract reopen(id: string, at: string): Promise<void>;
  /** Of the given keys, those already sent, dead or dropped. */
  abstract finishedKeys(keys: readonly string[]): Promise<Set<string>>;
}

export interface InboxMessage {
  id: string;
  recipient: RecipientRef;
  deliveryId: string;
  subject: string;
  body: string;
  sessionId: string;
  createdAt: string;
  readAt: string | null;
}

export abstract class InboxStore {
  abstract add(message: InboxMessage): Promise<void>;
  abstract list(recipients: readonly RecipientRef[], page: PageRequest): Promise<Page<InboxMessage>>;
}
