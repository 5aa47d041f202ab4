import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type {
  ChannelKind,
  ClaimResult,
  Delivery,
  DeliveryAttempt,
  DeliveryStore,
  InboxMessage,
  InboxStore,
  InstitutionReminderSettings,
  NewDelivery,
  OutboxEvent,
  OutboxRecord,
  OutboxStore,
  Page,
  PageRequest,
  PersonReminderPreferences,
  RecipientRef,
  ReminderSettingsStore,
  SentDelivery,
  SubscribedCoordinator,
  TeacherAccount,
  WebhookFlavor,
} from '#scheduling';
import {
  DeliveryAttemptEntity,
  DeliveryEntity,
  InboxMessageEntity,
  InstitutionReminderSettingEntity,
  OutboxEventEntity,
  ReminderPreferenceEntity,
} from '../entities/index.js';
import { sqliteConnection, sqliteStatement } from '../sqlite-statements.js';
import { idListCondition, idListParameter } from '../id-list.js';

const CHUNK = 500;
const FINISHED = ['sent', 'dead', 'dropped'];

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

class TypeormOutboxStore implements OutboxStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly now: string,
  ) {}

  async add(event: OutboxEvent): Promise<void> {
    await this.manager
      .getRepository(OutboxEventEntity)
      .insert({ id: randomUUID(), kind: event.kind, payload: JSON.stringify(event), createdAt: this.now, relayedAt: null });
  }

  async pending(limit: number): Promise<OutboxRecord[]> {
    const rows = await this.manager
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('row')
      .where('row.relayedAt IS NULL')
      .orderBy('row.createdAt', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map((row) => ({ id: row.id, event: JSON.parse(row.payload) as OutboxEvent, createdAt: row.createdAt }));
  }

  async markRelayed(ids: readonly string[], at: string): Promise<void> {
    for (const part of chunks(ids)) await this.manager.getRepository(OutboxEventEntity).update({ id: In(part) }, { relayedAt: at });
  }
}

const rawSql = new Map<string, string>();

/** Runs raw SQL written with `?` placeholders (numbered for PostgreSQL): the reminder hot path skips the query builder. */
async function rawQuery(manager: EntityManager, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  let sql = rawSql.get(text);
  if (sql === undefined) {
    let n = 0;
    sql = manager.connection.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    rawSql.set(text, sql);
  }
  const result = await manager.queryRunner!.query(sql, params, true);
  return (result.records ?? []) as Record<string, unknown>[];
}

/**
 * `column IN (ids)` with one statement shape for any number of ids: a JSON array on SQLite, an
 * array on PostgreSQL. Returns the SQL fragment (one `?`) and its parameter.
 */
function inIds(manager: EntityManager, column: string, ids: readonly string[]): [string, unknown] {
  const postgres = manager.connection.options.type === 'postgres';
  return [`${column} ${idListCondition(postgres, '?')}`, idListParameter(postgres, ids)];
}

const preferenceMapper = {
  toDomain: (e: ReminderPreferenceEntity): PersonReminderPreferences => ({
    recipient: { kind: e.recipientKind as RecipientRef['kind'], id: e.recipientId },
    offsetsMinutes: parseJson<number[]>(e.offsetsMinutes),
    quietHours: e.quietStart && e.quietEnd ? { localStart: e.quietStart, localEnd: e.quietEnd } : null,
    channels: parseJson<ChannelKind[]>(e.channels),
    locale: e.locale,
    email: e.email,
    webhookUrl: e.webhookUrl,
    webhookFlavor: e.webhookFlavor as WebhookFlavor,
    webhookSecret: e.webhookSecret,
    coordinatorReminders: e.coordinatorReminders === 1,
    timeZone: e.timeZone,
    updatedAt: e.updatedAt,
  }),
  toEntity: (d: PersonReminderPreferences): ReminderPreferenceEntity =>
    Object.assign(new ReminderPreferenceEntity(), {
      recipientKind: d.recipient.kind,
      recipientId: d.recipient.id,
      offsetsMinutes: d.offsetsMinutes ? JSON.stringify(d.offsetsMinutes) : null,
      quietStart: d.quietHours?.localStart ?? null,
      quietEnd: d.quietHours?.localEnd ?? null,
      channels: d.channels ? JSON.stringify(d.channels) : null,
      locale: d.locale,
      email: d.email,
      webhookUrl: d.webhookUrl,
      webhookFlavor: d.webhookFlavor,
      webhookSecret: d.webhookSecret,
      coordinatorReminders: d.coordinatorReminders ? 1 : 0,
      timeZone: d.timeZone,
      updatedAt: d.updatedAt,
    }),
};

const PREFERENCE_COLUMNS =
  'recipient_kind, recipient_id, offsets_minutes, quiet_start, quiet_end, channels, locale, email, webhook_url, webhook_flavor, webhook_secret, coordinator_reminders, time_zone, updated_at';

/** A reminder_preferences row as the driver returns it, in the entity's shape for the mapper. */
const rawPreference = (r: Record<string, unknown>): ReminderPreferenceEntity =>
  Object.assign(new ReminderPreferenceEntity(), {
    recipientKind: r.recipient_kind,
    recipientId: r.recipient_id,
    offsetsMinutes: r.offsets_minutes ?? null,
    quietStart: r.quiet_start ?? null,
    quietEnd: r.quiet_end ?? null,
    channels: r.channels ?? null,
    locale: r.locale ?? null,
    email: r.email ?? null,
    webhookUrl: r.webhook_url ?? null,
    webhookFlavor: r.webhook_flavor,
    webhookSecret: r.webhook_secret ?? null,
    coordinatorReminders: Number(r.coordinator_reminders),
    timeZone: r.time_zone ?? null,
    updatedAt: r.updated_at,
  });

class TypeormReminderSettingsStore implements ReminderSettingsStore {
  constructor(private readonly manager: EntityManager) {}

  async findPerson(recipient: RecipientRef): Promise<PersonReminderPreferences | null> {
    const row = await this.manager
      .getRepository(ReminderPreferenceEntity)
      .findOneBy({ recipientKind: recipient.kind, recipientId: recipient.id });
    return row ? preferenceMapper.toDomain(row) : null;
  }

  async findPeople(recipients: readonly RecipientRef[]): Promise<PersonReminderPreferences[]> {
    if (recipients.length === 0) return [];
    // Both key columns constrained, so the primary key finds the rows; the pairs are checked here.
    const [kinds, kindParameter] = inIds(
      this.manager,
      'recipient_kind',
      recipients.map((r) => r.kind),
    );
    const [ids, idParameter] = inIds(
      this.manager,
      'recipient_id',
      recipients.map((r) => r.id),
    );
    const wanted = new Set(recipients.map((r) => `${r.kind}|${r.id}`));
    const rows = await rawQuery(this.manager, `SELECT ${PREFERENCE_COLUMNS} FROM reminder_preferences WHERE ${kinds} AND ${ids}`, [
      kindParameter,
      idParameter,
    ]);
    return rows
      .filter((r) => wanted.has(`${r.recipient_kind as string}|${r.recipient_id as string}`))
      .map((r) => preferenceMapper.toDomain(rawPreference(r)));
  }

  async savePerson(preferences: PersonReminderPreferences): Promise<void> {
    await this.manager.getRepository(ReminderPreferenceEntity).save(preferenceMapper.toEntity(preferences));
  }

  async findInstitutions(institutionIds: readonly string[]): Promise<InstitutionReminderSettings[]> {
    if (institutionIds.length === 0) return [];
    const [ids, parameter] = inIds(this.manager, 'institution_id', institutionIds);
    const rows = await rawQuery(
      this.manager,
      `SELECT institution_id, offsets_minutes, quiet_start, quiet_end, updated_at FROM institution_reminder_settings WHERE ${ids}`,
      [parameter],
    );
    return rows.map((r) => ({
      institutionId: r.institution_id as string,
      offsetsMinutes: parseJson<number[]>(r.offsets_minutes as string | null),
      quietHours: r.quiet_start && r.quiet_end ? { localStart: r.quiet_start as string, localEnd: r.quiet_end as string } : null,
      updatedAt: r.updated_at as string,
    }));
  }

  async saveInstitution(settings: InstitutionReminderSettings): Promise<void> {
    await this.manager.getRepository(InstitutionReminderSettingEntity).save({
      institutionId: settings.institutionId,
      offsetsMinutes: settings.offsetsMinutes ? JSON.stringify(settings.offsetsMinutes) : null,
      quietStart: settings.quietHours?.localStart ?? null,
      quietEnd: settings.quietHours?.localEnd ?? null,
      updatedAt: settings.updatedAt,
    });
  }

  async teacherAccounts(instructorIds: readonly string[]): Promise<TeacherAccount[]> {
    if (instructorIds.length === 0) return [];
    const [ids, parameter] = inIds(this.manager, 'instructor_id', instructorIds);
    const rows = await rawQuery(this.manager, `SELECT id, instructor_id, email, locale, display_name FROM users WHERE ${ids}`, [parameter]);
    return rows.map((u) => ({
      userId: u.id as string,
      instructorId: u.instructor_id as string,
      email: u.email as string,
      locale: u.locale as string,
      displayName: u.display_name as string,
    }));
  }

  async subscribedCoordinators(): Promise<SubscribedCoordinator[]> {
    const rows = await rawQuery(
      this.manager,
      `SELECT u.id, u.display_name, u.role, u.institution_id, u.email, u.locale FROM users u
       JOIN reminder_preferences p ON p.recipient_kind = 'user' AND p.recipient_id = u.id AND p.coordinator_reminders = 1
       WHERE u.role IN ('program_coordinator', 'institution_coordinator') ORDER BY u.id`,
      [],
    );
    return rows.map((u) => ({
      userId: u.id as string,
      displayName: u.display_name as string,
      role: u.role as SubscribedCoordinator['role'],
      institutionId: (u.institution_id as string | null) ?? null,
      email: u.email as string,
      locale: u.locale as string,
    }));
  }
}

const deliveryToDomain = (e: DeliveryEntity): Delivery => ({
  id: e.id,
  deliveryKey: e.deliveryKey,
  kind: e.kind as Delivery['kind'],
  sessionId: e.sessionId,
  sessionVersion: e.sessionVersion,
  recipient: { kind: e.recipientKind as RecipientRef['kind'], id: e.recipientId },
  offsetMinutes: e.offsetMinutes,
  changedSessionId: e.changedSessionId,
  status: e.status as Delivery['status'],
  channel: e.channel as ChannelKind | null,
  attempts: e.attempts,
  leaseUntil: e.leaseUntil,
  lastError: e.lastError,
  subject: e.subject,
  sentAt: e.sentAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/**
 * Splits rows into chunks of 64, 32, ..., 1 rows, so a multi-row statement has at most seven shapes
 * and stays in the driver's statement cache instead of being prepared again for every batch size.
 */
function ladder<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (let size = 64; size >= 1; size /= 2) while (items.length - at >= size) out.push(items.slice(at, (at += size)));
  return out;
}

const placeholders = (rows: number, columns: number, row = `(${Array(columns).fill('?').join(', ')})`) => Array(rows).fill(row).join(', ');

const statements = new Map<string, string>();
/** A multi-row statement's text, built once per shape: the same string each time, so no per-call building or hashing. */
function statement(name: string, rows: number, build: (rows: number) => string): string {
  const key = `${name}:${rows}`;
  let text = statements.get(key);
  if (text === undefined) statements.set(key, (text = build(rows)));
  return text;
}

const DELIVERY_COLUMNS =
  'id, delivery_key, kind, session_id, session_version, recipient_kind, recipient_id, offset_minutes, changed_session_id, status, channel, attempts, lease_until, last_error, subject, sent_at, created_at, updated_at';

/** A deliveries row as the driver returns it (snake_case columns; PostgreSQL may give integers as numbers or strings). */
const rawDeliveryToDomain = (r: Record<string, unknown>): Delivery => ({
  id: r.id as string,
  deliveryKey: r.delivery_key as string,
  kind: r.kind as Delivery['kind'],
  sessionId: r.session_id as string,
  sessionVersion: Number(r.session_version),
  recipient: { kind: r.recipient_kind as RecipientRef['kind'], id: r.recipient_id as string },
  offsetMinutes: r.offset_minutes === null ? null : Number(r.offset_minutes),
  changedSessionId: (r.changed_session_id as string | null) ?? null,
  status: r.status as Delivery['status'],
  channel: (r.channel as ChannelKind | null) ?? null,
  attempts: Number(r.attempts),
  leaseUntil: (r.lease_until as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  subject: (r.subject as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

// The SQLite hot path's statements (prepared once per connection).
const SQLITE_CLAIM_INSERT = `INSERT INTO deliveries (${DELIVERY_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', NULL, 1, ?, NULL, NULL, NULL, ?, ?) ON CONFLICT (delivery_key) DO NOTHING`;
const SQLITE_SENT_UPDATE = `UPDATE deliveries SET status = 'sent', channel = ?, subject = ?, sent_at = ?, lease_until = NULL,
  last_error = NULL, updated_at = ? WHERE id = ?`;
const SQLITE_SENT_ATTEMPT = `INSERT INTO delivery_attempts (id, delivery_id, channel, outcome, error, at) VALUES (?, ?, ?, 'sent', NULL, ?)`;

/** A new delivery's values for the claim insert, in its placeholders' order. */
const claimParameters = (d: NewDelivery, now: string, leaseUntil: string): unknown[] => [
  d.id,
  d.deliveryKey,
  d.kind,
  d.sessionId,
  d.sessionVersion,
  d.recipient.kind,
  d.recipient.id,
  d.offsetMinutes,
  d.changedSessionId,
  leaseUntil,
  now,
  now,
];

class TypeormDeliveryStore implements DeliveryStore {
  constructor(private readonly manager: EntityManager) {}

  private get repository() {
    return this.manager.getRepository(DeliveryEntity);
  }

  private raw(text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return rawQuery(this.manager, text, params);
  }

  claim(delivery: NewDelivery, now: string, leaseUntil: string): Promise<ClaimResult> {
    return this.claimMany([delivery], now, leaseUntil).then((results) => results[0]!);
  }

  async claimMany(deliveries: readonly NewDelivery[], now: string, leaseUntil: string): Promise<ClaimResult[]> {
    if (deliveries.length === 0) return [];
    // A new delivery is inserted already claimed; RETURNING gives back the keys of only the rows this statement inserted.
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): the unique key decides, without aborting a PostgreSQL transaction.
    const taken = new Map<string, Delivery>();
    const inserted = new Set<string>();
    // In key order, so concurrent PostgreSQL transactions wait on each other's keys in one order (no deadlock).
    const ordered = [...deliveries].sort((a, b) => (a.deliveryKey < b.deliveryKey ? -1 : a.deliveryKey > b.deliveryKey ? 1 : 0));
    const sqlite = sqliteConnection(this.manager);
    if (sqlite) {
      // One prepared row at a time: on the connection itself that is cheaper than a multi-row statement.
      // A failure is the driver's own error here, not TypeORM's QueryFailedError; it rolls the unit back all the same.
      const insert = sqliteStatement(sqlite, SQLITE_CLAIM_INSERT);
      for (const d of ordered) if (insert.run(claimParameters(d, now, leaseUntil)).changes === 1) inserted.add(d.deliveryKey);
    } else
      for (const part of ladder(ordered))
        for (const row of await this.raw(
          statement(
            'claim-insert',
            part.length,
            (
              n,
            ) => `INSERT INTO deliveries (id, delivery_key, kind, session_id, session_version, recipient_kind, recipient_id, offset_minutes, changed_session_id,
          status, channel, attempts, lease_until, last_error, subject, sent_at, created_at, updated_at)
         VALUES ${placeholders(n, 12, "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', NULL, 1, ?, NULL, NULL, NULL, ?, ?)")}
         ON CONFLICT (delivery_key) DO NOTHING RETURNING delivery_key`,
          ),
          part.flatMap((d) => claimParameters(d, now, leaseUntil)),
        ))
          inserted.add(row.delivery_key as string);
    // What the insert wrote, without reading it back.
    for (const d of ordered)
      if (inserted.has(d.deliveryKey) && !taken.has(d.deliveryKey))
        // Field by field, not `...d`: a spread into a literal is several times slower on this hot path.
        taken.set(d.deliveryKey, {
          id: d.id,
          deliveryKey: d.deliveryKey,
          kind: d.kind,
          sessionId: d.sessionId,
          sessionVersion: d.sessionVersion,
          recipient: d.recipient,
          offsetMinutes: d.offsetMinutes,
          changedSessionId: d.changedSessionId,
          status: 'sending',
          channel: null,
          attempts: 1,
          leaseUntil,
          lastError: null,
          subject: null,
          sentAt: null,
          createdAt: now,
          updatedAt: now,
        });
    // An existing delivery is taken over only when pending or when the lease of an earlier attempt has run out.
    const existing = [...new Set(ordered.map((d) => d.deliveryKey))].filter((key) => !taken.has(key));
    for (const part of ladder(existing))
      for (const row of await this.raw(
        statement(
          'claim-update',
          part.length,
          (n) => `UPDATE deliveries SET status = 'sending', lease_until = ?, updated_at = ?, attempts = attempts + 1
         WHERE delivery_key IN (${placeholders(n, 1, '?')}) AND (status = 'pending' OR (status = 'sending' AND lease_until < ?))
         RETURNING ${DELIVERY_COLUMNS}`,
        ),
        [leaseUntil, now, ...part, now],
      ))
        taken.set(row.delivery_key as string, rawDeliveryToDomain(row));
    const current = new Map<string, Delivery>();
    for (const part of ladder(existing.filter((key) => !taken.has(key))))
      for (const row of await this.raw(
        statement(
          'claim-select',
          part.length,
          (n) => `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE delivery_key IN (${placeholders(n, 1, '?')})`,
        ),
        part,
      ))
        current.set(row.delivery_key as string, rawDeliveryToDomain(row));
    return deliveries.map((d): ClaimResult => {
      const claimed = taken.get(d.deliveryKey);
      if (claimed) {
        // The first copy of a key holds the claim; a second copy in the same call finds it busy.
        taken.delete(d.deliveryKey);
        current.set(d.deliveryKey, claimed);
        return { outcome: 'claimed', delivery: claimed };
      }
      const row = current.get(d.deliveryKey)!;
      return FINISHED.includes(row.status) ? { outcome: 'done', delivery: row } : { outcome: 'busy', delivery: row };
    });
  }

  async markSent(id: string, channel: ChannelKind, subject: string, at: string): Promise<void> {
    await this.raw(
      `UPDATE deliveries SET status = 'sent', channel = ?, subject = ?, sent_at = ?, lease_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?`,
      [channel, subject.slice(0, 300), at, at, id],
    );
  }

  async markSentMany(sent: readonly SentDelivery[]): Promise<void> {
    const sqlite = sqliteConnection(this.manager);
    if (sqlite) {
      const update = sqliteStatement(sqlite, SQLITE_SENT_UPDATE);
      const attempt = sqliteStatement(sqlite, SQLITE_SENT_ATTEMPT);
      for (const s of sent) {
        update.run([s.channel, s.subject.slice(0, 300), s.at, s.at, s.id]);
        attempt.run([s.attemptId, s.id, s.channel, s.at]);
      }
      return;
    }
    // UPDATE ... FROM (VALUES ...): SQLite 3.33+ and PostgreSQL both name the columns column1, column2, ...
    for (const part of ladder(sent)) {
      await this.raw(
        statement(
          'sent-update',
          part.length,
          (n) => `UPDATE deliveries SET status = 'sent', channel = v.column2, subject = v.column3, sent_at = v.column4, lease_until = NULL,
          last_error = NULL, updated_at = v.column4
         FROM (VALUES ${placeholders(n, 4)}) AS v WHERE deliveries.id = v.column1`,
        ),
        part.flatMap((s) => [s.id, s.channel, s.subject.slice(0, 300), s.at]),
      );
      await this.raw(
        statement(
          'sent-attempts',
          part.length,
          (n) =>
            `INSERT INTO delivery_attempts (id, delivery_id, channel, outcome, error, at) VALUES ${placeholders(n, 4, "(?, ?, ?, 'sent', NULL, ?)")}`,
        ),
        part.flatMap((s) => [s.attemptId, s.id, s.channel, s.at]),
      );
    }
  }

  async release(id: string, error: string, at: string): Promise<void> {
    await this.repository.update(
      { id, status: 'sending' },
      { status: 'pending', leaseUntil: null, lastError: error.slice(0, 1000), updatedAt: at },
    );
  }

  async markDead(id: string, error: string, at: string): Promise<void> {
    await this.repository.update({ id }, { status: 'dead', leaseUntil: null, lastError: error.slice(0, 1000), updatedAt: at });
  }

  async markDropped(id: string, reason: string, at: string): Promise<void> {
    await this.repository.update({ id }, { status: 'dropped', leaseUntil: null, lastError: reason.slice(0, 1000), updatedAt: at });
  }

  async logAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.raw(`INSERT INTO delivery_attempts (id, delivery_id, channel, outcome, error, at) VALUES (?, ?, ?, ?, ?, ?)`, [
      attempt.id,
      attempt.deliveryId,
      attempt.channel,
      attempt.outcome,
      attempt.error?.slice(0, 1000) ?? null,
      attempt.at,
    ]);
  }

  async findById(id: string): Promise<Delivery | null> {
    const row = await this.repository.findOneBy({ id });
    return row ? deliveryToDomain(row) : null;
  }

  async attempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.manager.getRepository(DeliveryAttemptEntity).find({ where: { deliveryId }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      deliveryId: r.deliveryId,
      channel: r.channel as ChannelKind | null,
      outcome: r.outcome as DeliveryAttempt['outcome'],
      error: r.error,
      at: r.at,
    }));
  }

  async listDead(page: PageRequest): Promise<Page<Delivery>> {
    const [rows, total] = await this.repository.findAndCount({
      where: { status: 'dead' },
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items: rows.map(deliveryToDomain), total, page: page.page, pageSize: page.pageSize };
  }

  async reopen(id: string, at: string): Promise<void> {
    await this.repository.update({ id, status: 'dead' }, { status: 'pending', leaseUntil: null, updatedAt: at });
  }

  async finishedKeys(keys: readonly string[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (const part of chunks(keys)) {
      const rows = await this.repository.find({ select: { deliveryKey: true }, where: { deliveryKey: In(part), status: In(FINISHED) } });
      for (const row of rows) done.add(row.deliveryKey);
    }
    return done;
  }
}

class TypeormInboxStore implements InboxStore {
  constructor(private readonly manager: EntityManager) {}

  async add(message: InboxMessage): Promise<void> {
    await this.manager.getRepository(InboxMessageEntity).insert({
      id: message.id,
      recipientKind: message.recipient.kind,
      recipientId: message.recipient.id,
      deliveryId: message.deliveryId,
      subject: message.subject.slice(0, 300),
      body: message.body,
      sessionId: message.sessionId,
      createdAt: message.createdAt,
      readAt: message.readAt,
    });
  }

  async list(recipients: readonly RecipientRef[], page: PageRequest): Promise<Page<InboxMessage>> {
    if (recipients.length === 0) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
    const [rows, total] = await this.manager.getRepository(InboxMessageEntity).findAndCount({
      where: recipients.map((r) => ({ recipientKind: r.kind, recipientId: r.id })),
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        recipient: { kind: r.recipientKind as RecipientRef['kind'], id: r.recipientId },
        deliveryId: r.deliveryId,
        subject: r.subject,
        body: r.body,
        sessionId: r.sessionId,
        createdAt: r.createdAt,
        readAt: r.readAt,
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }
}

/** The notification stores, bound to one transaction's EntityManager. */
export function createNotificationStores(manager: EntityManager, now: string) {
  return {
    outbox: new TypeormOutboxStore(manager, now),
    reminderSettings: new TypeormReminderSettingsStore(manager),
    deliveries: new TypeormDeliveryStore(manager),
    inbox: new TypeormInboxStore(manager),
  };
}
