import { describe, expect, it } from '@jest/globals';
import { institutionInReach, instructorInReach, sessionScope, westernClassInReach, withinScope } from './access.js';
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

  describe('single records (a timetable subject out of reach answers 404, as on the catalog routes)', () => {
    const ksuCoordinator = actor({ role: 'institution_coordinator', institutionId: 'ksu' });
    const host = actor({ role: 'teacher', instructorId: 'emma', institutionId: 'ksu' });
    const lonelyCoordinator = actor({ role: 'institution_coordinator', institutionId: null });
    const kashgarHost = { id: 'emma', institutionId: 'ksu' };
    const zhejiangInstructor = { id: 'li', institutionId: 'zju' };
    const hostedClass = { institutionId: 'ksu', hostTeacherId: 'emma' };
    const otherKashgarClass = { institutionId: 'ksu', hostTeacherId: null };
    const londonClass = { institutionId: 'ucl', hostTeacherId: 'brown' };

    it.each<[string, Actor, boolean[]]>([
      // [who, actor, [Kashgar host, Zhejiang instructor, hosted class, other Kashgar class, London class, Kashgar, Zhejiang]]
      ['an analyst', actor({ role: 'analyst' }), [true, true, true, true, true, true, true]],
      ['a program coordinator', actor({ role: 'program_coordinator' }), [true, true, true, true, true, true, true]],
      ["Kashgar's coordinator", ksuCoordinator, [true, false, true, true, false, true, false]],
      ['a coordinator of no institution', lonelyCoordinator, [false, false, false, false, false, false, false]],
      ['the Kashgar host teacher', host, [true, false, true, false, false, false, false]],
    ])('%s', (_, who, expected) => {
      expect([
        instructorInReach(who, kashgarHost),
        instructorInReach(who, zhejiangInstructor),
        westernClassInReach(who, hostedClass),
        westernClassInReach(who, otherKashgarClass),
        westernClassInReach(who, londonClass),
        institutionInReach(who, { id: 'ksu' }),
        institutionInReach(who, { id: 'zju' }),
      ]).toEqual(expected);
    });
  });
});
