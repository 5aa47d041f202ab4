import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { NewDelivery } from '#scheduling';
import { FixedClock } from '#test/fixed-clock';
import { openTestDatabase } from '../testing/test-database.js';
import { TypeormUnitOfWork } from '../typeorm-unit-of-work.js';

const T0 = '2026-11-22T08:00:00.000Z';
const T1 = '2026-11-22T08:00:30.000Z';
const LEASE = '2026-11-22T08:01:00.000Z';
const AFTER_LEASE = '2026-11-22T08:02:00.000Z';

const fresh = (deliveryKey: string): NewDelivery => ({
  id: randomUUID(),
  deliveryKey,
  kind: 'reminder',
  sessionId: randomUUID(),
  sessionVersion: 1,
  recipient: { kind: 'instructor', id: randomUUID() },
  offsetMinutes: 30,
  changedSessionId: null,
});

describe(`delivery claims and sent-marks in multi-row statements on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;
  let unitOfWork: TypeormUnitOfWork;

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    unitOfWork = new TypeormUnitOfWork(dataSource, new FixedClock());
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('claims new keys once each: a key given twice in one call is claimed by its first copy, the second finds it busy', async () => {
    const [a, b] = [fresh(`k-${randomUUID()}`), fresh(`k-${randomUUID()}`)];
    const again = { ...a, id: randomUUID() };
    const results = await unitOfWork.run((stores) => stores.deliveries.claimMany([a, b, again], T0, LEASE));
    expect(results.map((r) => r.outcome)).toEqual(['claimed', 'claimed', 'busy']);
    expect(results[0]!.delivery).toMatchObject({ id: a.id, deliveryKey: a.deliveryKey, status: 'sending', attempts: 1, leaseUntil: LEASE });
    expect(results[2]!.delivery.id).toBe(a.id);
    await expect(unitOfWork.run((stores) => stores.deliveries.findById(b.id))).resolves.toMatchObject({
      status: 'sending',
      attempts: 1,
      offsetMinutes: 30,
      createdAt: T0,
    });
  });

  it('claims of a unit of work that fails are rolled back with it: the keys can be claimed afresh', async () => {
    const [a, b] = [fresh(`k-${randomUUID()}`), fresh(`k-${randomUUID()}`)];
    await expect(
      unitOfWork.run(async (stores) => {
        await stores.deliveries.claimMany([a, b], T0, LEASE);
        throw new Error('the unit fails after its claims');
      }),
    ).rejects.toThrow('the unit fails after its claims');
    const retried = await unitOfWork.run((stores) => stores.deliveries.claimMany([a, b], T1, LEASE));
    expect(retried.map((c) => c.outcome)).toEqual(['claimed', 'claimed']);
  });

  it('a held lease stops a second claim until it runs out; then the claim is taken over with one more attempt', async () => {
    const a = fresh(`k-${randomUUID()}`);
    await unitOfWork.run((stores) => stores.deliveries.claimMany([a], T0, LEASE));
    const retry = { ...a, id: randomUUID() };
    const busy = await unitOfWork.run((stores) => stores.deliveries.claimMany([retry], T1, LEASE));
    expect(busy.map((r) => [r.outcome, r.delivery.id])).toEqual([['busy', a.id]]);
    const taken = await unitOfWork.run((stores) => stores.deliveries.claimMany([retry], AFTER_LEASE, '2026-11-22T08:03:00.000Z'));
    expect(taken.map((r) => [r.outcome, r.delivery.id, r.delivery.attempts])).toEqual([['claimed', a.id, 2]]);
  });

  it('marks many sent with their attempts logged; a later claim of any of them is done; results keep the order given past 64 rows', async () => {
    const deliveries = Array.from({ length: 100 }, (_, i) => fresh(`k-${String(99 - i).padStart(3, '0')}-${randomUUID()}`));
    const claims = await unitOfWork.run((stores) => stores.deliveries.claimMany(deliveries, T0, LEASE));
    expect(claims.map((c) => [c.outcome, c.delivery.deliveryKey])).toEqual(deliveries.map((d) => ['claimed', d.deliveryKey]));
    const sent = deliveries.map((d, i) => ({
      id: d.id,
      channel: i % 2 === 0 ? ('email' as const) : ('webhook' as const),
      subject: `Reminder ${i}`,
      at: T1,
      attemptId: randomUUID(),
    }));
    await unitOfWork.run((stores) => stores.deliveries.markSentMany(sent));
    await expect(unitOfWork.run((stores) => stores.deliveries.findById(deliveries[1]!.id))).resolves.toMatchObject({
      status: 'sent',
      channel: 'webhook',
      subject: 'Reminder 1',
      sentAt: T1,
      leaseUntil: null,
    });
    await expect(unitOfWork.run((stores) => stores.deliveries.attempts(deliveries[0]!.id))).resolves.toEqual([
      { id: sent[0]!.attemptId, deliveryId: deliveries[0]!.id, channel: 'email', outcome: 'sent', error: null, at: T1 },
    ]);
    const later = await unitOfWork.run((stores) =>
      stores.deliveries.claimMany(
        deliveries.map((d) => ({ ...d, id: randomUUID() })),
        AFTER_LEASE,
        '2026-11-22T08:03:00.000Z',
      ),
    );
    expect(new Set(later.map((c) => c.outcome))).toEqual(new Set(['done']));
    await expect(unitOfWork.run((stores) => stores.deliveries.finishedKeys(deliveries.map((d) => d.deliveryKey)))).resolves.toHaveProperty(
      'size',
      100,
    );
  });
});
