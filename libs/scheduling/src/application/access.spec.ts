import { describe, expect, it } from '@jest/globals';
import { sessionScope, withinScope } from './access.js';
import { reachOf, SYSTEM_ACTOR, type Actor } from './actor.js';

const actor = (overrides: Partial<Actor>): Actor => ({ ...SYSTEM_ACTOR, via: 'session', userId: 'u1', ...overrides });

describe('reach and scopes', () => {
  it.each<[Partial<Actor>, ReturnType<typeof reachOf>]>([
    [{ role: 'admin' }, { kind: 'all' }],
    [{ role: 'program_coordinator' }, { kind: 'all' }],
    [{ role: 'analyst' }, { kind: 'all' }],
    [
      { role: 'institution_coordinator', institutionId: 'ksu' },
      { kind: 'institution', institutionId: 'ksu' },
    ],
    [{ role: 'institution_coordinator', institutionId: null }, { kind: 'none' }],
    [
      { role: 'teacher', instructorId: 'i1', institutionId: 'zju' },
      { kind: 'instructor', instructorId: 'i1' },
    ],
    [{ role: 'teacher', instructorId: null }, { kind: 'none' }],
  ])('%p reaches %p', (overrides, reach) => {
    expect(reachOf(actor(overrides))).toEqual(reach);
  });

  it('confines session lists to the actor', () => {
    expect(sessionScope(actor({ role: 'institution_coordinator', institutionId: 'ksu' }))).toEqual({ involvesInstitutionId: 'ksu' });
    expect(sessionScope(actor({ role: 'teacher', instructorId: 'i1' }))).toEqual({ involvesTeacherId: 'i1' });
    expect(sessionScope(actor({ role: 'teacher', instructorId: null }))).toBeNull();
  });

  it('merges a scope over a request, and answers nothing when the request asks outside it', () => {
    expect(withinScope<{ termId?: string; institutionId?: string }>({ termId: 't1' }, { institutionId: 'ksu' })).toEqual({
      termId: 't1',
      institutionId: 'ksu',
    });
    expect(withinScope({ institutionId: 'ksu' }, { institutionId: 'ksu' })).toEqual({ institutionId: 'ksu' });
    expect(withinScope({ institutionId: 'zju' }, { institutionId: 'ksu' })).toBeNull();
    expect(withinScope({ institutionId: 'zju' }, {})).toEqual({ institutionId: 'zju' });
    expect(withinScope({}, null)).toBeNull();
  });
});
