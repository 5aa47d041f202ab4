import type { JointSession } from '../../domain/model.js';
import type { Stores } from '../ports/stores.js';
import { loadAudiences, type SessionAudience } from './session-audience.js';
import { batchInUnit } from './unit-batch.js';

const inUnit = new WeakMap<Stores, Map<string, Promise<unknown>>>();

/**
 * Memoises a read for the rest of one unit of work (one transaction: its `stores`). A batched unit
 * of work runs many jobs' work on the same `stores`, so they share the read; it is as fresh as
 * reading it again inside that transaction. Only for reads that the unit's own writes cannot change.
 */
export function memoInUnit<T>(stores: Stores, key: string, load: () => Promise<T>): Promise<T> {
  let memo = inUnit.get(stores);
  if (!memo) {
    memo = new Map();
    inUnit.set(stores, memo);
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.set(key, value);
  }
  return value;
}

const batches = new WeakMap<Stores, Map<string, { ids: Set<string>; loaded: Promise<Map<string, unknown>> }>>();

/**
 * Loads one record by id, coalescing the ids asked for in the same tick of one unit of work into a
 * single `loadMany` (units of a batched unit of work run side by side on the same `stores`).
 */
export function loadInUnit<T extends { id: string }>(
  stores: Stores,
  kind: string,
  id: string,
  loadMany: (ids: string[]) => Promise<T[]>,
): Promise<T | null> {
  let byKind = batches.get(stores);
  if (!byKind) {
    byKind = new Map();
    batches.set(stores, byKind);
  }
  let pending = byKind.get(kind);
  if (!pending) {
    const ids = new Set<string>();
    const loaded = Promise.resolve().then(async () => {
      byKind.delete(kind);
      return new Map<string, unknown>((await loadMany([...ids])).map((record) => [record.id, record]));
    });
    pending = { ids, loaded };
    byKind.set(kind, pending);
  }
  pending.ids.add(id);
  return pending.loaded.then((found) => (found.get(id) as T | undefined) ?? null);
}

/**
 * Who hears about a session depends only on its pairing (the course), instructor, western classes
 * and anchor zone, so the sessions of one series share an audience. It is read once per unit of
 * work and, with `ttlMs` > 0, kept that long across units: long enough for the reminders of a
 * burst of classes to share it, short enough that a changed email, channel or subscription reaches
 * the next message (a session's own change shows in the key or is re-read by the caller).
 */
export class AudienceCache {
  private readonly entries = new Map<string, { audience: SessionAudience; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 2_000,
    private readonly maxEntries = 20_000,
  ) {}

  async load(stores: Stores, session: JointSession): Promise<SessionAudience> {
    const key = `${session.pairingId}|${session.instructorId}|${session.westernClassIds.join(',')}|${session.anchorTimeZone}`;
    const at = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > at) return withSession(hit.audience, session);
    // The audiences the jobs of a batched unit ask for in one turn are read together.
    const audience = await memoInUnit(stores, `audience|${key}`, () =>
      batchInUnit(stores, 'audience', session, (sessions) => loadAudiences(stores, sessions)),
    );
    if (this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { audience, expiresAt: at + this.ttlMs });
    }
    return withSession(audience, session);
  }
}

/** The audience with this session in it; a literal, not a spread (one per message on the hot path). */
const withSession = (audience: SessionAudience, session: JointSession): SessionAudience => ({
  session,
  courseTitle: audience.courseTitle,
  westernClassNames: audience.westernClassNames,
  members: audience.members,
});
