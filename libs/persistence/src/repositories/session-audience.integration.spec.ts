import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadAudience, loadAudiences, type JointSession, type Stores } from '#scheduling';
import * as make from '#test/factories';
import { FixedClock } from '#test/fixed-clock';
import { openTestDatabase } from '../testing/test-database.js';
import { TypeormUnitOfWork } from '../typeorm-unit-of-work.js';

const withId = <T>(item: T) => ({ id: randomUUID(), ...item });

/** One series: an instructor in `instructorZone` teaching `classCount` classes of its own course at Kashgar or London. */
async function seedSeries(stores: Stores, name: string, campus: 'kashgar' | 'london', classCount: number): Promise<JointSession> {
  const east = withId(make.zhejiang({ nameEn: `East ${name}` }));
  const west = withId(campus === 'kashgar' ? make.kashgar({ nameEn: `Kashgar ${name}` }) : make.london({ nameEn: `London ${name}` }));
  await stores.institutions.save(east);
  await stores.institutions.save(west);
  const term = withId(make.term(west.id));
  await stores.terms.save(term);
  const course = withId(make.course(east.id, { title: `Course ${name}` }));
  await stores.courses.save(course);
  const instructor = withId(make.instructor(east.id, { name: `Instructor ${name}` }));
  await stores.instructors.save(instructor);
  const classIds: string[] = [];
  for (let index = 0; index < classCount; index++) {
    const host = withId(make.instructor(west.id, { name: `Host ${name}-${index}`, role: 'host', timeZone: west.timeZone }));
    await stores.instructors.save(host);
    const westernClass = withId(
      make.westernClass(
        { institutionId: west.id, courseId: course.id, termId: term.id, hostTeacherId: host.id },
        { name: `Class ${name}-${index}` },
      ),
    );
    await stores.westernClasses.save(westernClass);
    classIds.push(westernClass.id);
  }
  const pairing = withId(make.pairing({ instructorId: instructor.id, courseId: course.id, termId: term.id, westernClassIds: classIds }));
  await stores.pairings.save(pairing);
  const session: JointSession = {
    id: randomUUID(),
    pairingId: pairing.id,
    instructorId: instructor.id,
    startsAt: '2026-09-28T04:00:00.000Z',
    endsAt: '2026-09-28T05:35:00.000Z',
    anchorTimeZone: west.timeZone,
    // Not in the store's order: the audience keeps the session's own order of classes.
    westernClassIds: [...classIds].reverse(),
    status: 'scheduled',
    version: 1,
    meetingUrl: null,
  };
  await stores.jointSessions.save(session);
  return session;
}

describe(`session audiences read together on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;
  let unitOfWork: TypeormUnitOfWork;

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    unitOfWork = new TypeormUnitOfWork(dataSource, new FixedClock());
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('a burst naming several series gets, for each, the same audience as reading it alone: its course, classes, people and clocks', async () => {
    const sessions = await unitOfWork.run(async (stores) => [
      await seedSeries(stores, 'A', 'kashgar', 2),
      await seedSeries(stores, 'B', 'london', 1),
      await seedSeries(stores, 'C', 'kashgar', 3),
    ]);
    const together = await unitOfWork.run((stores) => loadAudiences(stores, [sessions[2]!, sessions[0]!, sessions[1]!, sessions[2]!]));
    const alone = await unitOfWork.run(async (stores) => [
      await loadAudience(stores, sessions[2]!),
      await loadAudience(stores, sessions[0]!),
      await loadAudience(stores, sessions[1]!),
      await loadAudience(stores, sessions[2]!),
    ]);
    expect(together).toEqual(alone);
    expect(together.map((audience) => [audience.courseTitle, audience.westernClassNames, audience.members.length])).toEqual([
      ['Course C', ['Class C-2', 'Class C-1', 'Class C-0'], 4],
      ['Course A', ['Class A-1', 'Class A-0'], 3],
      ['Course B', ['Class B-0'], 2],
      ['Course C', ['Class C-2', 'Class C-1', 'Class C-0'], 4],
    ]);
    // Each host sees the instructor's Beijing clock and the other classes of their own series only.
    const hostA0 = together[1]!.members.find((member) => member.name === 'Host A-0')!;
    expect(hostA0.timeZones).toEqual(['Asia/Urumqi', 'Asia/Shanghai']);
    expect(hostA0.partners.map((partner) => partner.name)).toEqual(['Instructor A (浙江大学 East A)', 'Class A-1 (喀什大学 Kashgar A)']);
    expect(together[2]!.members.map((member) => [member.name, member.timeZones])).toEqual([
      ['Instructor B', ['Asia/Shanghai']],
      ['Host B-0', ['Europe/London']],
    ]);
  });
});
