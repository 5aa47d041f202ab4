import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  catchUpRollupsInSteps,
  Catalogs,
  ConfirmTeachingActivity,
  ImportTeachingActivities,
  JointSessions,
  LedgerUnitOfWork,
  ListTeachingActivities,
  MarkSessionNotHeld,
  RecordTeachingActivity,
  ReportTeachingActivities,
  SYSTEM_ACTOR,
  type ReportGrouping,
  type ReportMeasures,
  type ReportQuery,
  type Stores,
  type TeachingActivity,
  type TeachingLedger,
} from '#scheduling';
import * as make from '#test/factories';
import { FixedClock } from '#test/fixed-clock';
import { openTestDatabase } from '../testing/test-database.js';
import { TypeormUnitOfWork } from '../typeorm-unit-of-work.js';
import { RollupCatchUpAtStart } from './ledger-persistence.module.js';
import { rebuildReportRollups } from './rebuild-report-rollups.js';
import { TypeormLedgerUnitOfWork } from './typeorm-teaching-ledger.js';
import { planReport, TypeormTeachingReports } from './typeorm-teaching-reports.js';

const measures = (values: Partial<ReportMeasures>): ReportMeasures => ({
  activities: 0,
  teachingPeriods: 0,
  participations: 0,
  instructors: 0,
  westernTeachers: 0,
  courses: 0,
  westernUniversities: 0,
  ...values,
});

/** The ledger as a process sees it that stops right before an import's last step, the rollup catch-up. */
class StopsBeforeCatchUp extends LedgerUnitOfWork {
  constructor(private readonly inner: LedgerUnitOfWork) {
    super();
  }

  run<T>(work: (stores: Stores, ledger: TeachingLedger) => Promise<T>): Promise<T> {
    return this.inner.run((stores, ledger) => {
      const stopping = Object.create(ledger) as TeachingLedger;
      stopping.catchUpRollups = () => Promise.reject(new Error('stopped before the catch-up'));
      return work(stores, stopping);
    });
  }
}

describe(`teaching ledger and reports on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;
  let clock: FixedClock;
  let ledger: TypeormLedgerUnitOfWork;
  let reports: TypeormTeachingReports;
  let importer: ImportTeachingActivities;
  let report: ReportTeachingActivities;
  const ids = {} as Record<
    'zhejiang' | 'kashgar' | 'xju' | 'lanzhou' | 'london' | 'li' | 'wang' | 'host' | 'c1' | 'c2' | 'k1' | 'x1' | 'l1',
    string
  >;

  const csv = (rows: string[]) =>
    ['externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,courseId,status', ...rows].join('\n');

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    // After every lesson the tests import: the import refuses a lesson that is not over yet.
    clock = new FixedClock('2030-01-01T00:00:00Z');
    const unitOfWork = new TypeormUnitOfWork(dataSource, clock);
    ledger = new TypeormLedgerUnitOfWork(unitOfWork);
    reports = new TypeormTeachingReports(ledger);
    // Small batches and steps, so each runs several times over the hand-made ledger.
    importer = new ImportTeachingActivities(ledger, clock, { batchSize: 3, catchUpStep: 2, rollupStep: 2 });
    report = new ReportTeachingActivities(reports);
    const catalogs = new Catalogs(unitOfWork);
    const zhejiang = await catalogs.institutions.create(make.zhejiang());
    const kashgar = await catalogs.institutions.create(make.kashgar());
    const xju = await catalogs.institutions.create(
      make.kashgar({ nameZh: '新疆大学', nameEn: 'Xinjiang University', timeZone: 'Asia/Shanghai' }),
    );
    const lanzhou = await catalogs.institutions.create(
      make.kashgar({
        nameZh: '兰州大学',
        nameEn: 'Lanzhou University',
        province: 'Gansu',
        timeZone: 'Asia/Shanghai',
        secondaryTimeZone: null,
      }),
    );
    const london = await catalogs.institutions.create(make.london());
    Object.assign(ids, { zhejiang: zhejiang.id, kashgar: kashgar.id, xju: xju.id, lanzhou: lanzhou.id, london: london.id });
    const term = (institutionId: string) =>
      catalogs.terms.create(make.term(institutionId, { startLocalDate: '2025-02-01', endLocalDate: '2025-12-31' }));
    const [kashgarTerm, xjuTerm, lanzhouTerm] = [await term(kashgar.id), await term(xju.id), await term(lanzhou.id)];
    ids.li = (await catalogs.instructors.create(make.instructor(zhejiang.id, { name: 'Li Wei' }))).id;
    ids.wang = (await catalogs.instructors.create(make.instructor(zhejiang.id, { name: 'Wang Fang' }))).id;
    ids.host = (await catalogs.instructors.create(make.instructor(kashgar.id, { name: 'Aynur', role: 'host', timeZone: '' }))).id;
    ids.c1 = (await catalogs.courses.create(make.course(zhejiang.id))).id;
    ids.c2 = (await catalogs.courses.create(make.course(zhejiang.id, { title: '高等数学', discipline: 'mathematics' }))).id;
    ids.k1 = (
      await catalogs.westernClasses.create(
        make.westernClass(
          { institutionId: kashgar.id, courseId: ids.c1, termId: kashgarTerm.id, hostTeacherId: ids.host },
          { studentsEnrolled: 40 },
        ),
      )
    ).id;
    ids.x1 = (
      await catalogs.westernClasses.create(
        make.westernClass(
          { institutionId: xju.id, courseId: ids.c2, termId: xjuTerm.id },
          { discipline: 'mathematics', studentsEnrolled: 30 },
        ),
      )
    ).id;
    ids.l1 = (
      await catalogs.westernClasses.create(
        make.westernClass(
          { institutionId: lanzhou.id, courseId: ids.c2, termId: lanzhouTerm.id },
          { discipline: 'mathematics', studentsEnrolled: 25 },
        ),
      )
    ).id;
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  // The hand-made ledger. A1 starts 23:30 UTC on 31 March: 1 April 07:30 in Beijing. A2 is co-taught
  // (Li 60%, Wang 40%) by two campuses. A3 starts 16:30 UTC on 31 July: 1 August in Beijing, so the
  // autumn term there. A4 names only its campus (London). A5 was not held.
  const ledgerCsv = () =>
    csv([
      `a1,2025-03-31T23:30:00Z,90,${ids.li},${ids.k1}:38,,,`,
      `a2,2025-04-10T10:00:00+08:00,95,${ids.li}:60|${ids.wang}:40,${ids.k1}|${ids.l1}:20,,,`,
      `a3,2025-07-31T16:30:00Z,45,${ids.wang},${ids.x1},,,counted`,
      `a4,2025-02-01T01:00:00Z,90,${ids.li},,${ids.london}:12,${ids.c1},`,
      `a5,2025-04-11T02:00:00Z,90,${ids.li},${ids.k1},,,not_held`,
    ]);

  it('imports the good lines, reports each bad one by line and reason, and adds nothing on a re-import', async () => {
    const bad = [
      `b1,2025-04-01 10:00,90,${ids.li},${ids.k1},,,`,
      `b2,2025-04-01T10:00:00Z,90,${ids.host},${ids.k1},,,`,
      `b3,2025-04-01T10:00:00Z,90,${ids.li}:60|${ids.wang}:30,${ids.k1},,,`,
      `b4,2025-04-01T10:00:00Z,90,${ids.li},${ids.zhejiang}:3,,,`,
      `b5,2025-04-01T10:00:00Z,90,${ids.li},,,,`,
    ];
    const progress: number[][] = [];
    const first = await importer.execute({
      csv: `${ledgerCsv()}\n${bad.join('\n')}\n`,
      actor: SYSTEM_ACTOR,
      onProgress: (soFar) => progress.push([soFar.lines, soFar.imported, soFar.rejected]),
    });
    expect(first).toMatchObject({ lines: 10, imported: 5, alreadyPresent: 0, rejected: 5 });
    // Batches of three well-formed lines: progress after each, the last one the whole file.
    expect(progress).toEqual([
      [3, 3, 0],
      [7, 5, 2],
      [10, 5, 5],
    ]);
    expect(first.problems.map((p) => [p.line, p.externalId, p.reason.split(':')[0]])).toEqual([
      [7, 'b1', 'startsAt'],
      [8, 'b2', 'instructors'],
      [9, 'b3', 'instructor shares add up to 90%, not 100%'],
      [10, 'b4', 'westernClasses'],
      [11, 'b5', 'westernClasses or campuses'],
    ]);
    const again = await importer.execute({ csv: ledgerCsv(), actor: SYSTEM_ACTOR });
    expect(again).toMatchObject({ lines: 5, imported: 0, alreadyPresent: 5, rejected: 0 });
    const listed = await new ListTeachingActivities(ledger).list(SYSTEM_ACTOR, {}, { page: 1, pageSize: 50 });
    expect(listed.total).toBe(5);
    const a2 = listed.items.find((a) => a.externalId === 'a2')!;
    expect(a2).toMatchObject({
      startsAt: '2025-04-10T02:00:00.000Z',
      teachingPeriods: 2,
      discipline: 'computer-science',
      courseId: ids.c1,
      instructors: [
        { instructorId: ids.li, easternInstitutionId: ids.zhejiang, shareBasisPoints: 6000 },
        { instructorId: ids.wang, easternInstitutionId: ids.zhejiang, shareBasisPoints: 4000 },
      ],
      campuses: [
        {
          westernClassId: ids.k1,
          westernInstitutionId: ids.kashgar,
          region: 'west',
          province: 'Xinjiang',
          hostTeacherId: ids.host,
          studentsPresent: 40,
        },
        {
          westernClassId: ids.l1,
          westernInstitutionId: ids.lanzhou,
          region: 'west',
          province: 'Gansu',
          hostTeacherId: null,
          studentsPresent: 20,
        },
      ],
    });
  });

  it('totals: credited sums and distinct counts of the hand-made ledger', async () => {
    const result = await report.execute({ actor: SYSTEM_ACTOR, groupBy: [] });
    expect(result.total).toEqual(
      measures({
        activities: 4,
        teachingPeriods: 7,
        participations: 140,
        instructors: 2,
        westernTeachers: 1,
        courses: 2,
        westernUniversities: 4,
      }),
    );
  });

  it('by province: co-taught credit splits, the sum equals the total, distinct counts are per row', async () => {
    const result = await report.execute({ actor: SYSTEM_ACTOR, groupBy: ['province'] });
    expect(result.rows.map((row) => [row.group.province?.value, row.measures])).toEqual([
      ['Gansu', measures({ activities: 0.5, teachingPeriods: 1, participations: 20, instructors: 2, courses: 1, westernUniversities: 1 })],
      [
        'United Kingdom',
        measures({ activities: 1, teachingPeriods: 2, participations: 12, instructors: 1, courses: 1, westernUniversities: 1 }),
      ],
      [
        'Xinjiang',
        measures({
          activities: 2.5,
          teachingPeriods: 4,
          participations: 108,
          instructors: 2,
          westernTeachers: 1,
          courses: 2,
          westernUniversities: 2,
        }),
      ],
    ]);
    expect(result.rows.reduce((sum, row) => sum + row.measures.activities, 0)).toBe(result.total.activities);
    expect(result.rows.reduce((sum, row) => sum + row.measures.participations, 0)).toBe(result.total.participations);
  });

  it('by instructor: each gets the stated share', async () => {
    const result = await report.execute({ actor: SYSTEM_ACTOR, groupBy: ['instructor'] });
    const rows = result.rows.map((row) => [
      row.group.instructor?.label,
      row.measures.activities,
      row.measures.teachingPeriods,
      row.measures.participations,
    ]);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['Li Wei', 2.6, 5.2, 38 + 24 + 12 + 12],
      ['Wang Fang', 1.4, 1.8, 16 + 8 + 30],
    ]);
  });

  it.each<[string, string, [string, number][]]>([
    [
      'Asia/Shanghai',
      'month',
      [
        ['2025-02', 1],
        ['2025-04', 2],
        ['2025-08', 1],
      ],
    ],
    [
      'UTC',
      'month',
      [
        ['2025-02', 1],
        ['2025-03', 1],
        ['2025-04', 1],
        ['2025-07', 1],
      ],
    ],
    [
      'Asia/Shanghai',
      'term',
      [
        ['2024-2025-2', 3],
        ['2025-2026-1', 1],
      ],
    ],
    ['UTC', 'term', [['2024-2025-2', 4]]],
    [
      'Asia/Urumqi',
      'month',
      [
        ['2025-02', 1],
        ['2025-04', 2],
        ['2025-07', 1],
      ],
    ],
  ])('periods on %s by %s: boundaries follow that wall clock', async (timeZone, level, expected) => {
    const result = await report.execute({ actor: SYSTEM_ACTOR, groupBy: [level as ReportGrouping], timeZone });
    expect(result.rows.map((row) => [row.group[level as ReportGrouping]?.value, row.measures.activities])).toEqual(expected);
  });

  it('a period filter: April 2025 in Beijing holds A1 and A2, in UTC only A2', async () => {
    const beijing = await report.execute({ actor: SYSTEM_ACTOR, groupBy: [], periodFrom: '2025-04' });
    const utc = await report.execute({ actor: SYSTEM_ACTOR, groupBy: [], periodFrom: '2025-04', timeZone: 'UTC' });
    expect(beijing.total).toEqual(
      measures({
        activities: 2,
        teachingPeriods: 4,
        participations: 98,
        instructors: 2,
        westernTeachers: 1,
        courses: 1,
        westernUniversities: 2,
      }),
    );
    expect(utc.total).toMatchObject({ activities: 1, participations: 60 });
  });

  it('by instructor or western university, a month holds the lessons its own wall clock puts there (A1: March in UTC, April in Beijing)', async () => {
    // Read from the lines, whose instructor and western-university indexes are sought month by month.
    const activities = async (filters: ReportQuery['filters'], timeZone: string, month: number) =>
      (await reports.run({ groupBy: [], filters, months: { from: month, to: month }, timeZone }, { source: 'ledger' })).total.activities;
    expect(await activities({ instructor: ids.li }, 'UTC', 202503)).toBe(1);
    expect(await activities({ instructor: ids.li }, 'Asia/Shanghai', 202503)).toBe(0);
    expect(await activities({ instructor: ids.li }, 'Asia/Shanghai', 202504)).toBe(1.6);
    expect(await activities({ westernInstitution: ids.kashgar }, 'UTC', 202503)).toBe(1);
    expect(await activities({ westernInstitution: ids.kashgar }, 'Asia/Shanghai', 202504)).toBe(1.5);
    expect(await activities({ instructor: ids.li }, 'UTC', 202612)).toBe(0);
    const listed = await new ListTeachingActivities(ledger).list(
      SYSTEM_ACTOR,
      { instructorId: ids.li, from: '2025-03-31T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' },
      { page: 1, pageSize: 10 },
    );
    expect(listed.items.map((activity) => activity.externalId)).toEqual(['a1']);
  });

  const shapes: Omit<ReportQuery, 'timeZone'>[] = [
    { groupBy: [], filters: {}, months: null },
    { groupBy: ['region'], filters: {}, months: null },
    { groupBy: ['province', 'discipline'], filters: {}, months: null },
    { groupBy: ['westernInstitution', 'year'], filters: {}, months: null },
    { groupBy: ['easternInstitution', 'month'], filters: { region: 'west' }, months: { from: 202501, to: 202512 } },
    { groupBy: ['instructor', 'term'], filters: {}, months: null },
    { groupBy: ['discipline'], filters: { province: 'Xinjiang' }, months: { from: 202501, to: 202512 } },
    { groupBy: ['instructor'], filters: { province: 'Xinjiang' }, months: { from: 202502, to: 202507 } },
    { groupBy: ['month'], filters: {}, months: { from: 202503, to: 202504 } },
    { groupBy: ['westernInstitution'], filters: { discipline: 'computer-science' }, months: null },
    { groupBy: ['instructor', 'month'], filters: {}, months: null },
  ];
  it.each(shapes.flatMap((shape) => ['Asia/Shanghai', 'UTC'].map((timeZone) => [JSON.stringify(shape), timeZone, shape] as const)))(
    'rollups agree with the ledger lines: %s on %s',
    async (_name, timeZone, shape) => {
      const query = { ...shape, timeZone };
      const fromRollups = await reports.run(query);
      const fromLines = await reports.run(query, { source: 'ledger' });
      expect(fromLines.source).toBe('ledger');
      expect(fromRollups).toEqual({ ...fromLines, source: planReport(query) ? 'rollup' : 'ledger' });
    },
  );

  it('plans whole-table questions onto rollups and monthly instructor questions onto the lines', () => {
    const plan = (groupBy: ReportGrouping[], months: ReportQuery['months'] = null, timeZone = 'Asia/Shanghai') =>
      planReport({ groupBy, filters: {}, months, timeZone });
    expect(plan(['province'])).toMatchObject({ grain: { id: 3 }, level: 4 });
    expect(plan(['province', 'month'])).toMatchObject({ grain: { id: 3 }, level: 1 });
    expect(plan(['instructor'])).toMatchObject({ grain: { id: 16 }, level: 4 });
    expect(plan(['instructor'], { from: 202408, to: 202501 })).toMatchObject({ grain: { id: 16 }, level: 2 });
    expect(plan(['instructor', 'month'])).toBeNull();
    expect(plan(['month'], null, 'Asia/Urumqi')).toBeNull();
    expect(plan([], null, 'Asia/Urumqi')).toMatchObject({ grain: { id: 1 }, level: 4 });
  });

  it('growth: month by month with running distinct counts', async () => {
    const points = await report.growth({ actor: SYSTEM_ACTOR, periodFrom: '2025-02', periodTo: '2025-05' });
    expect(
      points.map((p) => [
        p.month,
        p.measures.activities,
        p.cumulative.activities,
        p.cumulative.instructors,
        p.cumulative.westernUniversities,
      ]),
    ).toEqual([
      ['2025-02', 1, 1, 1, 1],
      ['2025-03', 0, 1, 1, 1],
      ['2025-04', 2, 3, 2, 3],
      ['2025-05', 0, 3, 2, 3],
    ]);
  });

  it('confirming attendance moves the participations; marking not held removes the activity everywhere', async () => {
    const list = new ListTeachingActivities(ledger);
    const a1 = (await list.list(SYSTEM_ACTOR, { externalId: 'a1' }, { page: 1, pageSize: 1 })).items[0]!;
    await new ConfirmTeachingActivity(ledger, clock).execute({
      activityId: a1.id,
      actor: SYSTEM_ACTOR,
      attendance: [{ westernClassId: ids.k1, studentsPresent: 35 }],
    });
    let total = (await report.execute({ actor: SYSTEM_ACTOR, groupBy: [] })).total;
    expect(total).toMatchObject({ activities: 4, participations: 137 });
    const a3 = (await list.list(SYSTEM_ACTOR, { externalId: 'a3' }, { page: 1, pageSize: 1 })).items[0]!;
    await new MarkSessionNotHeld(ledger, clock).execute({ activityId: a3.id, actor: SYSTEM_ACTOR, reason: 'network outage' });
    total = (await report.execute({ actor: SYSTEM_ACTOR, groupBy: [] })).total;
    expect(total).toEqual(
      measures({
        activities: 3,
        teachingPeriods: 6,
        participations: 107,
        instructors: 2,
        westernTeachers: 1,
        courses: 1,
        westernUniversities: 3,
      }),
    );
    const august = await report.execute({ actor: SYSTEM_ACTOR, groupBy: ['month'], periodFrom: '2025-08' });
    expect(august.rows).toEqual([]);
    for (const shape of shapes) {
      const query = { ...shape, timeZone: 'Asia/Shanghai' };
      expect((await reports.run(query)).rows).toEqual((await reports.run(query, { source: 'ledger' })).rows);
    }
  });

  it('rebuilding the rollups from the ledger lines gives the cells kept up to date batch by batch', async () => {
    const cells = () => dataSource.query('SELECT * FROM report_rollups ORDER BY zone, grain, level, period, k1, k2, k3, k4');
    const kept = await cells();
    expect(kept.length).toBeGreaterThan(100);
    await dataSource.transaction((manager) => rebuildReportRollups(manager));
    expect(await cells()).toEqual(kept);
  });

  it('an import stopped before its rollup catch-up: reports read the lines meanwhile; the next import, append or start catches up exactly', async () => {
    const cells = () => dataSource.query('SELECT * FROM report_rollups ORDER BY zone, grain, level, period, k1, k2, k3, k4');
    const everyShape = shapes.flatMap((shape) => ['Asia/Shanghai', 'UTC'].map((timeZone) => ({ ...shape, timeZone })));
    const expectExact = async (source: 'rollup' | 'ledger') => {
      for (const query of everyShape) {
        const answer = await reports.run(query);
        expect(answer).toEqual({ ...(await reports.run(query, { source: 'ledger' })), source: planReport(query) ? source : 'ledger' });
      }
    };
    const expectCaughtUp = async () => {
      await expectExact('rollup');
      const kept = await cells();
      await dataSource.transaction((manager) => rebuildReportRollups(manager));
      expect(await cells()).toEqual(kept);
    };
    const stopped = new ImportTeachingActivities(new StopsBeforeCatchUp(ledger), clock, { batchSize: 2 });
    const list = new ListTeachingActivities(ledger);
    const byExternalId = async (externalId: string) => (await list.list(SYSTEM_ACTOR, { externalId }, { page: 1, pageSize: 1 })).items[0]!;

    // 1. Stopped: its batches are committed, the rollups are behind, every report still exact.
    const first = csv([
      `d1,2025-10-13T02:00:00Z,95,${ids.li},${ids.k1}:33,,,`,
      `d2,2025-10-31T23:10:00Z,90,${ids.li}:50|${ids.wang}:50,${ids.x1}|${ids.l1},,,`,
      `d3,2025-11-03T08:00:00Z,45,${ids.wang},,${ids.london}:9,${ids.c2},`,
      `d4,2026-03-02T02:00:00Z,90,${ids.wang},${ids.l1}:21,,,`,
    ]);
    const totalBefore = (await reports.run({ ...shapes[0]!, timeZone: 'Asia/Shanghai' })).total;
    await expect(stopped.execute({ csv: first, actor: SYSTEM_ACTOR })).rejects.toThrow('stopped before the catch-up');
    const behind = await reports.run({ ...shapes[0]!, timeZone: 'Asia/Shanghai' });
    expect(behind.source).toBe('ledger');
    expect(behind.total.activities).toBe(totalBefore.activities + 4);
    await expectExact('ledger');
    // A change to an activity above the watermark moves only its lines; the catch-up reads them.
    await new MarkSessionNotHeld(ledger, clock).execute({ activityId: (await byExternalId('d2')).id, actor: SYSTEM_ACTOR, reason: 'snow' });
    await expectExact('ledger');
    // Importing the same file again adds nothing and catches up.
    await expect(importer.execute({ csv: first, actor: SYSTEM_ACTOR })).resolves.toMatchObject({ imported: 0, alreadyPresent: 4 });
    await expectCaughtUp();

    // 2. Stopped again; a single append (a recorded session) catches up everything behind it.
    await expect(
      stopped.execute({
        csv: csv([`e1,2025-12-01T02:00:00Z,95,${ids.li},${ids.k1},,,`, `e2,2025-12-31T22:00:00Z,95,${ids.wang},${ids.x1},,,`]),
        actor: SYSTEM_ACTOR,
      }),
    ).rejects.toThrow('stopped before the catch-up');
    const e1 = await byExternalId('e1');
    const appended = await ledger.run((_, teachingLedger) =>
      teachingLedger.append([{ ...e1, id: `${e1.id.slice(0, -4)}e1e1`, externalId: 'e1-again' }]),
    );
    expect(appended).toHaveLength(1);
    await expectCaughtUp();

    // 3. Stopped again; the next start catches up.
    await expect(stopped.execute({ csv: csv([`f1,2026-01-05T02:00:00Z,45,${ids.li},${ids.l1},,,`]), actor: SYSTEM_ACTOR })).rejects.toThrow(
      'stopped before the catch-up',
    );
    await expectExact('ledger');
    await new RollupCatchUpAtStart(ledger).onApplicationBootstrap();
    await expectCaughtUp();
  });

  it('an import rolls up its own batches as they commit; it writes nothing another writer made stale, and the catch-up does the rest', async () => {
    const cells = () => dataSource.query('SELECT * FROM report_rollups ORDER BY zone, grain, level, period, k1, k2, k3, k4');
    const state = () => ledger.runSql((sql) => sql.rollupState());
    const top = async () => ledger.runSql((sql) => sql.maxSeq());
    const expectEqualToRebuild = async () => {
      const kept = await cells();
      await dataSource.transaction((manager) => rebuildReportRollups(manager));
      expect(await cells()).toEqual(kept);
    };
    const list = new ListTeachingActivities(ledger);
    const activity = async (externalId: string) => (await list.list(SYSTEM_ACTOR, { externalId }, { page: 1, pageSize: 1 })).items[0]!;
    const copies = async (prefix: string, count: number) => {
      const model = await activity('a2');
      return Array.from({ length: count }, (_, index) => ({
        ...model,
        id: `${model.id.slice(0, -6)}${prefix}${String(index).padStart(4, '0')}`,
        externalId: `${prefix}-${index}`,
        jointSessionId: null,
        startsAt: `2025-${String(5 + index).padStart(2, '0')}-30T23:${String(10 + index).padStart(2, '0')}:00Z`,
      }));
    };
    const appendTracked = (tracker: ReturnType<TypeormLedgerUnitOfWork['trackRollups']>, activities: TeachingActivity[]) =>
      ledger.run((_, teachingLedger) => teachingLedger.append(activities, { rollups: 'later', tracker }));

    // 1. Alone: every step is written by the tracker, with the watermark, and equals a rebuild.
    const alone = ledger.trackRollups({ step: 2, inProcess: true });
    const batches = await copies('t', 5);
    await appendTracked(alone, batches.slice(0, 2));
    await alone.writeReady();
    await appendTracked(alone, batches.slice(2));
    await alone.finish();
    expect((await state()).rolledUpTo).toBe(await top());
    await expectEqualToRebuild();

    // 2. Another writer's append between two batches catches the rollups up itself: the tracker drops
    // what it held, follows again from there, and nothing is counted twice.
    const interrupted = ledger.trackRollups({ step: 10, inProcess: true });
    const [u0, u1, u2] = await copies('u', 3);
    await appendTracked(interrupted, [u0!]);
    await ledger.run((_, teachingLedger) => teachingLedger.append([u1!]));
    await appendTracked(interrupted, [u2!]);
    await interrupted.finish();
    expect((await state()).rolledUpTo).toBe(await top());
    await expectEqualToRebuild();

    // 3. A line rewritten above the watermark after the tracker read it: the tracker writes nothing,
    // the catch-up reads the current lines.
    const stale = ledger.trackRollups({ step: 10, inProcess: true });
    const [v0, v1] = await copies('v', 2);
    const rolledUpBefore = (await state()).rolledUpTo;
    await appendTracked(stale, [v0!, v1!]);
    await new MarkSessionNotHeld(ledger, clock).execute({ activityId: (await activity('v-1')).id, actor: SYSTEM_ACTOR, reason: 'flood' });
    await stale.finish();
    expect((await state()).rolledUpTo).toBe(rolledUpBefore);
    await new RollupCatchUpAtStart(ledger).onApplicationBootstrap();
    expect((await state()).rolledUpTo).toBe(await top());
    await expectEqualToRebuild();
  });

  it('an import that fails halfway keeps the steps its tracker wrote; reports stay exact, and a re-import catches up the rest', async () => {
    const cells = () => dataSource.query('SELECT * FROM report_rollups ORDER BY zone, grain, level, period, k1, k2, k3, k4');
    const state = () => ledger.runSql((sql) => sql.rollupState());
    const top = async () => ledger.runSql((sql) => sql.maxSeq());
    const rows = Array.from(
      { length: 9 },
      (_, index) =>
        `w${index},2026-0${1 + (index % 6)}-1${index}T0${index}:15:00Z,90,${[ids.li, ids.wang][index % 2]},${[ids.k1, ids.x1, ids.l1][index % 3]},,,`,
    );
    const header = 'externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,courseId,status\n';
    // The upload breaks off after seven lines: three batches of two are committed, the seventh line is not.
    async function* breaksAfterSeven(): AsyncGenerator<string> {
      yield header;
      for (const row of rows.slice(0, 7)) yield `${row}\n`;
      throw new Error('the upload broke off');
    }
    const before = { rolledUpTo: (await state()).rolledUpTo, top: await top() };
    expect(before.rolledUpTo).toBe(before.top);
    const failing = new ImportTeachingActivities(ledger, clock, { batchSize: 2, catchUpStep: 2, rollupStep: 4 });
    await expect(failing.execute({ csv: breaksAfterSeven(), actor: SYSTEM_ACTOR })).rejects.toThrow('the upload broke off');
    // Three batches (six activities) committed; the tracker wrote the first step of four, the rest is behind.
    expect(await top()).toBe(before.top + 6);
    expect((await state()).rolledUpTo).toBe(before.top + 4);
    for (const shape of shapes) {
      const query = { ...shape, timeZone: 'Asia/Shanghai' };
      const answer = await reports.run(query);
      expect(answer.source).toBe('ledger');
      expect(answer.rows).toEqual((await reports.run(query, { source: 'ledger' })).rows);
    }
    await expect(importer.execute({ csv: header + rows.join('\n'), actor: SYSTEM_ACTOR })).resolves.toMatchObject({
      imported: 3,
      alreadyPresent: 6,
    });
    expect((await state()).rolledUpTo).toBe(await top());
    const kept = await cells();
    await dataSource.transaction((manager) => rebuildReportRollups(manager));
    expect(await cells()).toEqual(kept);
  });

  it('a bulk batch (COPY on PostgreSQL): imported once, skipped on a re-import, rolled up exactly', async () => {
    const cells = () => dataSource.query('SELECT * FROM report_rollups ORDER BY zone, grain, level, period, k1, k2, k3, k4');
    const rows = Array.from({ length: 1800 }, (_, index) => {
      const month = String(1 + (index % 12)).padStart(2, '0');
      const classes = [ids.k1, ids.x1, `${ids.k1}|${ids.l1}:17`][index % 3];
      const instructors = index % 5 === 0 ? `${ids.li}:60|${ids.wang}:40` : [ids.li, ids.wang][index % 2];
      // One externalId with a backslash and a tab: COPY's text format must escape both.
      const externalId = index === 7 ? 'bulk\\7\tx' : `bulk-${index}`;
      return `${externalId},2027-${month}-${String(1 + (index % 28)).padStart(2, '0')}T0${index % 10}:30:00Z,95,${instructors},${classes},,,${index % 50 === 0 ? 'not_held' : ''}`;
    });
    const bulk = new ImportTeachingActivities(ledger, clock);
    const before = (await reports.run({ ...shapes[0]!, timeZone: 'Asia/Shanghai' })).total.activities;
    const first = rows.slice(0, 1200);
    await expect(bulk.execute({ csv: csv(first), actor: SYSTEM_ACTOR })).resolves.toMatchObject({ imported: 1200, rejected: 0 });
    await expect(bulk.execute({ csv: csv(first), actor: SYSTEM_ACTOR })).resolves.toMatchObject({ imported: 0, alreadyPresent: 1200 });
    const escaped = await new ListTeachingActivities(ledger).list(SYSTEM_ACTOR, { externalId: 'bulk\\7\tx' }, { page: 1, pageSize: 1 });
    expect(escaped.items.map((activity) => activity.externalId)).toEqual(['bulk\\7\tx']);
    // One batch, half of it imported before: only the new half goes in.
    await expect(bulk.execute({ csv: csv(rows.slice(600)), actor: SYSTEM_ACTOR })).resolves.toMatchObject({
      imported: 600,
      alreadyPresent: 600,
    });
    // Straight to the ledger: a bulk batch that repeats a stored externalId, and one of its own, keeps the rest once.
    const model = (await new ListTeachingActivities(ledger).list(SYSTEM_ACTOR, { externalId: 'bulk-1' }, { page: 1, pageSize: 1 }))
      .items[0]!;
    const direct = Array.from({ length: 600 }, (_, index) => ({
      ...model,
      id: randomUUID(),
      externalId: index === 10 ? 'bulk-2' : index === 20 ? 'direct-5' : `direct-${index}`,
    }));
    const appended = await ledger.run((_, teachingLedger) => teachingLedger.append(direct, { rollups: 'later' }));
    expect(appended.map((activity) => activity.externalId)).toEqual(
      direct.filter((_, index) => index !== 10 && index !== 20).map((a) => a.externalId),
    );
    await catchUpRollupsInSteps(ledger);
    const after = await reports.run({ ...shapes[0]!, timeZone: 'Asia/Shanghai' });
    expect(after.source).toBe('rollup');
    expect(after.total.activities).toBeCloseTo(before + 1800 - 36 + 598, 6);
    for (const shape of shapes) {
      const query = { ...shape, timeZone: 'UTC' };
      expect((await reports.run(query)).rows).toEqual((await reports.run(query, { source: 'ledger' })).rows);
    }
    const kept = await cells();
    await dataSource.transaction((manager) => rebuildReportRollups(manager));
    expect(await cells()).toEqual(kept);
  });

  it('a batch longer than a slice of lines: records first named late are read, an externalId repeated across slices is rejected', async () => {
    // 10,005 lines: one batch of the default size, resolved a slice of 10,000 lines at a time. Only
    // the last lines name Wang and the Lanzhou class, so the import reads them for the second slice.
    const rows = Array.from({ length: 10_005 }, (_, index) =>
      index < 10_000
        ? `slice-${index},2029-03-${String(1 + (index % 28)).padStart(2, '0')}T02:00:00Z,95,${ids.li},${ids.k1},,,`
        : `${index === 10_002 ? 'slice-5' : `slice-${index}`},2029-04-02T02:00:00Z,95,${ids.wang},${ids.l1},,,`,
    );
    const progress: number[] = [];
    const result = await new ImportTeachingActivities(ledger, clock).execute({
      csv: csv(rows),
      actor: SYSTEM_ACTOR,
      onProgress: ({ imported }) => progress.push(imported),
    });
    expect(result).toMatchObject({ lines: 10_005, imported: 10_004, rejected: 1 });
    expect(result.problems).toEqual([{ line: 10_004, externalId: 'slice-5', reason: 'externalId repeats line 7' }]);
    expect(progress).toEqual([10_004]);
    const april = await report.execute({ actor: SYSTEM_ACTOR, groupBy: ['instructor'], periodFrom: '2029-04' });
    expect(april.rows.map((row) => [row.group.instructor?.label, row.measures.activities])).toEqual([['Wang Fang', 4]]);
  });

  it('records a joint session once, however often the job runs', async () => {
    const unitOfWork = new TypeormUnitOfWork(dataSource, clock);
    const catalogs = new Catalogs(unitOfWork);
    const pairing = await catalogs.pairings.create(
      make.pairing({
        instructorId: ids.li,
        courseId: ids.c1,
        termId: (await catalogs.westernClasses.get(ids.k1)).termId,
        westernClassIds: [ids.k1],
      }),
    );
    clock.set('2025-09-01T00:00:00Z');
    const session = await new JointSessions(unitOfWork).place({
      pairingId: pairing.id,
      startsAt: '2025-09-08T04:00:00Z',
      durationMinutes: 95,
    });
    const record = new RecordTeachingActivity(ledger, clock);
    await expect(record.execute({ jointSessionId: session.id })).resolves.toEqual({ outcome: 'skipped', reason: 'not_ended' });
    clock.set('2025-09-08T06:00:00Z');
    const results = await Promise.all([record.execute({ jointSessionId: session.id }), record.execute({ jointSessionId: session.id })]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already_recorded', 'recorded']);
    const recorded = results.find((r) => r.outcome === 'recorded')!;
    expect(recorded).toMatchObject({
      activity: {
        jointSessionId: session.id,
        teachingPeriods: 2,
        campuses: [{ westernClassId: ids.k1, studentsPresent: 40, hostTeacherId: ids.host }],
      },
    });
    const september = await report.execute({ actor: SYSTEM_ACTOR, groupBy: [], periodFrom: '2025-09' });
    expect(september.total).toMatchObject({ activities: 1, teachingPeriods: 2, participations: 40 });
  });
});
