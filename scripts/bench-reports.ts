// bench:reports — loads a seeded ledger of ten million teaching activities through the CSV import
// (the project's own bulk path, reading a CSV file written before the clock starts), then times twelve fixed reports (whole-table and filtered) through
// the report use case, and the same reports written by hand in SQL over the raw ledger lines, and
// counts the reports whose numbers differ. SQLite by default (a temp file), PostgreSQL when
// DATABASE_URL is set (a temp schema). Both, and the file, are removed at the end. Prints one JSON line last.
//   node dist/scripts/bench-reports.js [activities=10000000]
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Settings } from 'luxon';
import { DataSource } from 'typeorm';
import { openDatabase, TypeormLedgerUnitOfWork, TypeormTeachingReports, TypeormUnitOfWork } from '#persistence';
import {
  ImportTeachingActivities,
  ReportTeachingActivities,
  SystemClock,
  SYSTEM_ACTOR,
  type ReportMeasures,
  type TeachingReport,
  type TeachingReportRequest,
} from '#scheduling';

process.env.TZ = 'UTC';
Settings.throwOnInvalid = true;

const ACTIVITIES = Number(process.argv[2] ?? 10_000_000);
const RUNS = 5;

/** mulberry32: the same ledger every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20130901);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const uuid = () => randomUUID();

const WEST_PROVINCES = [
  'Xinjiang',
  'Tibet',
  'Qinghai',
  'Gansu',
  'Ningxia',
  'Shaanxi',
  'Sichuan',
  'Chongqing',
  'Yunnan',
  'Guizhou',
  'Guangxi',
  'Inner Mongolia',
];
const ABROAD = ['United Kingdom', 'Germany', 'Kazakhstan'];
const EAST_PROVINCES = ['Beijing', 'Shanghai', 'Zhejiang', 'Jiangsu', 'Guangdong', 'Shandong', 'Hubei', 'Tianjin', 'Fujian'];
const DISCIPLINES = Array.from({ length: 60 }, (_, i) => `discipline-${String(i + 1).padStart(2, '0')}`);

interface Catalog {
  westInstitutions: { id: string; province: string }[];
  eastInstitutions: string[];
  instructors: { id: string; institutionId: string }[];
  courses: { id: string; discipline: string }[];
  classes: { id: string; institutionId: string; enrolled: number }[];
}

/** The program's catalog at its real size, written straight into the tables (the import reads it). */
async function seedCatalog(dataSource: DataSource): Promise<Catalog> {
  const now = new Date().toISOString();
  const westInstitutions = Array.from({ length: 725 }, (_, i) => ({
    id: uuid(),
    province: i < 700 ? WEST_PROVINCES[i % WEST_PROVINCES.length]! : ABROAD[i % ABROAD.length]!,
    abroad: i >= 700,
  }));
  const eastInstitutions = Array.from({ length: 300 }, () => uuid());
  const institutionRows = [
    ...westInstitutions.map((w, i) => ({
      id: w.id,
      nameZh: `西部高校${i}`,
      nameEn: `Western University ${i}`,
      region: w.abroad ? 'international' : 'west',
      province: w.province,
    })),
    ...eastInstitutions.map((id, i) => ({
      id,
      nameZh: `东部高校${i}`,
      nameEn: `Eastern University ${i}`,
      region: 'east',
      province: EAST_PROVINCES[i % EAST_PROVINCES.length]!,
    })),
  ].map((row) => ({
    ...row,
    timeZone: 'Asia/Shanghai',
    secondaryTimeZone: null,
    classPeriods: [],
    calendarExceptions: [],
    createdAt: now,
    updatedAt: now,
  }));
  const instructors = Array.from({ length: 8000 }, () => ({ id: uuid(), institutionId: pick(eastInstitutions) }));
  const hosts = Array.from({ length: 5000 }, (_, i) => ({ id: uuid(), institutionId: westInstitutions[i % westInstitutions.length]!.id }));
  const teacher = (t: { id: string; institutionId: string }, i: number, role: string) => ({
    id: t.id,
    institutionId: t.institutionId,
    name: `${role} ${i}`,
    role,
    disciplines: [],
    languages: ['zh'],
    timeZone: 'Asia/Shanghai',
    availability: [],
    unavailableLocalDates: [],
    maxSessionsPerDay: 4,
    maxSessionsPerWeek: 12,
    maxSessionsPerTerm: 200,
    createdAt: now,
    updatedAt: now,
  });
  const courses = Array.from({ length: 4000 }, () => ({
    id: uuid(),
    discipline: pick(DISCIPLINES),
    institutionId: pick(eastInstitutions),
  }));
  const terms = westInstitutions.map((w) => ({
    id: uuid(),
    institutionId: w.id,
    name: '2013-2026',
    startLocalDate: '2013-02-01',
    endLocalDate: '2026-07-31',
  }));
  const hostsBy = new Map<string, string[]>();
  for (const host of hosts) hostsBy.set(host.institutionId, [...(hostsBy.get(host.institutionId) ?? []), host.id]);
  const classes = westInstitutions.flatMap((w, wi) =>
    Array.from({ length: 10 }, (_, i) => {
      const course = pick(courses);
      return {
        id: uuid(),
        institutionId: w.id,
        courseId: course.id,
        termId: terms[wi]!.id,
        hostTeacherId: rand() < 0.8 ? pick(hostsBy.get(w.id)!) : null,
        name: `class ${i}`,
        discipline: course.discipline,
        studentsEnrolled: 20 + Math.floor(rand() * 40),
        sessionsPerWeek: 1,
        durationMinutes: 95,
        allowedPeriodNames: [],
      };
    }),
  );
  const insert = async (entity: string, rows: object[]) => {
    for (let start = 0; start < rows.length; start += 500)
      await dataSource.getRepository(entity).insert(rows.slice(start, start + 500) as never);
  };
  await insert('InstitutionEntity', institutionRows);
  await insert('InstructorEntity', [
    ...instructors.map((t, i) => teacher(t, i, 'instructor')),
    ...hosts.map((t, i) => teacher(t, i, 'host')),
  ]);
  await insert(
    'CourseEntity',
    courses.map((c, i) => ({ ...c, title: `course ${i}`, platform: 'icourse163', language: 'zh' })),
  );
  await insert('TermEntity', terms);
  await insert('WesternClassEntity', classes);
  return {
    westInstitutions,
    eastInstitutions,
    instructors,
    courses,
    classes: classes.map((c) => ({ id: c.id, institutionId: c.institutionId, enrolled: c.studentsEnrolled })),
  };
}

/**
 * Ten years and more of history as the program's CSV export: month by month from March 2013, the
 * program growing every year; pairings (an instructor with one to three classes, a tenth co-taught)
 * teach weekly-ish; lessons start on Beijing class periods, some near midnight UTC at month ends.
 */
async function* historyCsv(catalog: Catalog, total: number): AsyncGenerator<string> {
  // As in the program: each eastern university supports a handful of western partners (对口支援), and
  // its instructors teach their partners' classes.
  const classesOf = new Map<string, Catalog['classes']>();
  for (const c of catalog.classes) classesOf.set(c.institutionId, [...(classesOf.get(c.institutionId) ?? []), c]);
  const partners = new Map(
    catalog.eastInstitutions.map((e) => [e, Array.from({ length: 3 + Math.floor(rand() * 6) }, () => pick(catalog.westInstitutions).id)]),
  );
  const colleagues = new Map<string, string[]>();
  for (const i of catalog.instructors) colleagues.set(i.institutionId, [...(colleagues.get(i.institutionId) ?? []), i.id]);
  const disciplineOf = new Map(catalog.instructors.map((i) => [i.id, [pick(DISCIPLINES), pick(DISCIPLINES)]]));
  const pairings = Array.from({ length: 40_000 }, () => {
    const lead = pick(catalog.instructors);
    const discipline = disciplineOf.get(lead.id)![rand() < 0.8 ? 0 : 1]!;
    const own = partners.get(lead.institutionId)!;
    const classCount = rand() < 0.8 ? 1 : rand() < 0.75 ? 2 : 3;
    const classes = Array.from({ length: classCount }, () => pick(classesOf.get(pick(own))!));
    const unique = [...new Map(classes.map((c) => [c.id, c])).values()];
    const co = rand() < 0.1 ? pick(colleagues.get(lead.institutionId)!) : null;
    const leadShare = rand() < 0.5 ? 50 : 60;
    const instructors = co && co !== lead.id ? `${lead.id}:${leadShare}|${co}:${100 - leadShare}` : lead.id;
    const startYear = 2013 + Math.floor(Math.sqrt(rand()) * 13);
    return {
      // 20 to 24 present, never more than the class enrols (the import refuses that).
      classes: unique.map((c) => `${c.id}:${Math.min(c.enrolled, Math.floor(rand() * 5) + 20)}`).join('|'),
      instructors,
      partners: own,
      discipline,
      startYear,
      endYear: startYear + 2 + Math.floor(rand() * 6),
    };
  });
  const months: { year: number; month: number; weight: number }[] = [];
  const firstYear = Number(process.env.BENCH_FIRST_YEAR ?? 2013);
  for (let year = firstYear; year <= 2026; year++)
    for (let month = 1; month <= 12; month++) {
      if ((year === 2013 && month < 3) || (year === 2026 && month > 6)) continue;
      months.push({ year, month, weight: (year - 2012) * (month === 2 || month === 7 || month === 8 ? 0.4 : 1) });
    }
  const weights = months.reduce((sum, m) => sum + m.weight, 0);
  const slots = ['00:00', '02:00', '06:00', '08:00', '11:00', '12:30'];
  const durations = [45, 90, 95, 95, 100, 135];
  let written = 0;
  let chunk = 'externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,discipline,status\n';
  for (const [index, { year, month, weight }] of months.entries()) {
    const count = index === months.length - 1 ? total - written : Math.round((total * weight) / weights);
    const active = pairings.filter((p) => p.startYear <= year && year <= p.endYear);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const monthText = `${year}-${String(month).padStart(2, '0')}`;
    for (let i = 0; i < count; i++) {
      const pairing = active[Math.floor(rand() * active.length)]!;
      const day = 1 + Math.floor((i / count) * days);
      const nearMidnight = rand() < 0.03 && day === days;
      const startsAt = nearMidnight
        ? `${monthText}-${String(day).padStart(2, '0')}T23:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00Z`
        : `${monthText}-${String(day).padStart(2, '0')}T${pick(slots)}:00Z`;
      const campusOnly = rand() < 0.02;
      const classes = campusOnly ? '' : pairing.classes;
      const campuses = campusOnly ? `${pick(pairing.partners)}:${20 + Math.floor(rand() * 30)}` : '';
      const status = rand() < 0.01 ? 'not_held' : '';
      chunk += `h${String(written + i).padStart(9, '0')},${startsAt},${pick(durations)},${pairing.instructors},${classes},${campuses},${pairing.discipline},${status}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
        // A turn of the event loop per megabyte, so a signal (Ctrl-C) is heard during the load.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    written += count;
  }
  yield chunk;
}

interface Bench {
  name: string;
  filtered: boolean;
  request: Omit<TeachingReportRequest, 'actor'>;
  /** The same report by hand over the raw ledger lines: rows `g0[, g1]` and the measures; `where` without the period. */
  sql: { groups: string[]; where: string };
}

const MEASURES = `SUM(activity_units) AS a, SUM(period_units) AS p, SUM(participation_units) AS s, COUNT(DISTINCT instructor_key) AS i,
  COUNT(DISTINCT host_teacher_key) AS h, COUNT(DISTINCT course_key) AS c, COUNT(DISTINCT western_institution_key) AS w`;
const key = (kind: number, value: string) => `(SELECT k."key" FROM ledger_keys k WHERE k.kind = ${kind} AND k.value = '${value}')`;
const TERM_CN =
  'CASE WHEN month_cn % 100 >= 8 THEN (month_cn / 100) * 10 + 1 WHEN month_cn % 100 = 1 THEN (month_cn / 100 - 1) * 10 + 1 ELSE (month_cn / 100 - 1) * 10 + 2 END';

/** The filters name seeded records by their names, so a kept database gets the same twelve reports. */
async function benches(dataSource: DataSource): Promise<Bench[]> {
  const idOf = async (table: string, column: string, name: string) =>
    String(((await dataSource.query(`SELECT id FROM ${table} WHERE ${column} = '${name}'`)) as { id: string }[])[0]!.id);
  const instructor = await idOf('instructors', 'name', 'instructor 17');
  const western = await idOf('institutions', 'name_en', 'Western University 42');
  const eastern = await idOf('institutions', 'name_en', 'Eastern University 7');
  return [
    { name: 'total, all time', filtered: false, request: { groupBy: [] }, sql: { groups: [], where: '' } },
    { name: 'by province, all time', filtered: false, request: { groupBy: ['province'] }, sql: { groups: ['province_key'], where: '' } },
    { name: 'by month, all time', filtered: false, request: { groupBy: ['month'] }, sql: { groups: ['month_cn'], where: '' } },
    {
      name: 'by western university, all time',
      filtered: false,
      request: { groupBy: ['westernInstitution'] },
      sql: { groups: ['western_institution_key'], where: '' },
    },
    {
      name: 'by instructor, all time',
      filtered: false,
      request: { groupBy: ['instructor'] },
      sql: { groups: ['instructor_key'], where: '' },
    },
    {
      name: 'by region and discipline, 2024',
      filtered: false,
      request: { groupBy: ['region', 'discipline'], periodFrom: '2024' },
      sql: { groups: ['region_key', 'discipline_key'], where: 'AND month_cn BETWEEN 202401 AND 202412' },
    },
    {
      name: 'Xinjiang by discipline, 2023',
      filtered: true,
      request: { groupBy: ['discipline'], filters: { province: 'Xinjiang' }, periodFrom: '2023' },
      sql: { groups: ['discipline_key'], where: `AND province_key = ${key(2, 'Xinjiang')} AND month_cn BETWEEN 202301 AND 202312` },
    },
    {
      name: 'one instructor by month',
      filtered: true,
      request: { groupBy: ['month'], filters: { instructor } },
      sql: { groups: ['month_cn'], where: `AND instructor_key = ${key(5, instructor)}` },
    },
    {
      name: 'one western university by term',
      filtered: true,
      request: { groupBy: ['term'], filters: { westernInstitution: western } },
      sql: { groups: [TERM_CN], where: `AND western_institution_key = ${key(3, western)}` },
    },
    {
      name: 'one discipline by province, term 2024-2025-1',
      filtered: true,
      request: { groupBy: ['province'], filters: { discipline: 'discipline-07' }, periodFrom: '2024-2025-1' },
      sql: { groups: ['province_key'], where: `AND discipline_key = ${key(4, 'discipline-07')} AND month_cn BETWEEN 202408 AND 202501` },
    },
    {
      name: 'one eastern university by western university',
      filtered: true,
      request: { groupBy: ['westernInstitution'], filters: { easternInstitution: eastern } },
      sql: { groups: ['western_institution_key'], where: `AND eastern_institution_key = ${key(3, eastern)}` },
    },
    {
      name: 'region west by year, UTC',
      filtered: true,
      request: { groupBy: ['year'], filters: { region: 'west' }, timeZone: 'UTC' },
      sql: { groups: ['month_utc / 100'], where: `AND region_key = ${key(1, 'west')}` },
    },
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measuresOf(row: Record<string, unknown>): ReportMeasures {
  return {
    activities: Number(row.a ?? 0) / 10_000,
    teachingPeriods: Number(row.p ?? 0) / 10_000,
    participations: Number(row.s ?? 0) / 10_000,
    instructors: Number(row.i),
    westernTeachers: Number(row.h),
    courses: Number(row.c),
    westernUniversities: Number(row.w),
  };
}

async function main() {
  const url = process.env.DATABASE_URL;
  const sqlitePath = join(tmpdir(), `bench-reports-${randomUUID()}.sqlite`);
  const csvPath = join(tmpdir(), `bench-reports-${randomUUID()}.csv`);
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: DataSource | null = null;
  if (url) {
    admin = new DataSource({ type: 'postgres', url });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
  }
  const database = url
    ? { kind: 'postgres' as const, url: `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}` }
    : { kind: 'sqlite' as const, path: sqlitePath };
  const dataSource = await openDatabase(database);
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (admin) {
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.destroy();
      } else if (process.env.BENCH_KEEP) console.log(`kept ${sqlitePath}`);
      else for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqlitePath}${suffix}`, { force: true });
      rmSync(csvPath, { force: true });
    })());
  // Stopped early (Ctrl-C), the bench still removes its schema or file: nothing half-written is left.
  let stopped = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopped = true;
      console.error(`${signal}: removing the bench database`);
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    const clock = new SystemClock();
    const ledger = new TypeormLedgerUnitOfWork(new TypeormUnitOfWork(dataSource, clock));
    const reports = new ReportTeachingActivities(new TypeormTeachingReports(ledger));
    const catalog = await seedCatalog(dataSource);
    console.log(
      `catalog: ${catalog.westInstitutions.length} western and ${catalog.eastInstitutions.length} eastern universities, ${catalog.instructors.length} instructors, ${catalog.classes.length} classes`,
    );

    // Batches of a quarter million (the import rolls them up once, after the last batch).
    // The history is written to a file first, as a coordinator's export would arrive: the timed load
    // reads and imports it, without the cost of making up random lessons.
    const file = createWriteStream(csvPath);
    for await (const chunk of historyCsv(catalog, ACTIVITIES)) if (!file.write(chunk)) await once(file, 'drain');
    file.end();
    await once(file, 'finish');
    const importer = new ImportTeachingActivities(ledger, clock, { batchSize: Number(process.env.BENCH_BATCH ?? 250_000) });
    const loadStart = performance.now();
    let lastBatchAt = loadStart;
    const imported = await importer.execute({
      csv: createReadStream(csvPath, { encoding: 'utf8', highWaterMark: 1 << 20 }),
      actor: SYSTEM_ACTOR,
      onProgress: ({ imported }) => {
        lastBatchAt = performance.now();
        const seconds = (lastBatchAt - loadStart) / 1000;
        console.log(
          `  ${imported.toLocaleString('en')} of ${ACTIVITIES.toLocaleString('en')} imported, ${seconds.toFixed(0)} s, ${Math.round(imported / seconds)}/s`,
        );
      },
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    if (imported.rejected > 0) throw new Error(`the seeded history has bad lines: ${JSON.stringify(imported.problems.slice(0, 3))}`);
    console.log(
      `loaded ${imported.imported} activities in ${loadSeconds.toFixed(1)} s (${Math.round(imported.lines / loadSeconds)} lines/s), of which the rollup catch-up after the last batch ${(loadSeconds - (lastBatchAt - loadStart) / 1000).toFixed(1)} s; peak memory (RSS, both threads) ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    if (database.kind === 'postgres') await dataSource.query('ANALYZE');

    const dictionary = new Map<string, string>();
    for (const row of (await dataSource.query('SELECT kind, "key" AS k, value FROM ledger_keys')) as {
      kind: number;
      k: number;
      value: string;
    }[])
      dictionary.set(`${row.kind}:${row.k}`, row.value);
    const kindOf: Record<string, number> = {
      province_key: 2,
      region_key: 1,
      discipline_key: 4,
      western_institution_key: 3,
      instructor_key: 5,
    };

    const times: { name: string; filtered: boolean; ms: number; rawMs: number; source: string; mismatch: boolean }[] = [];
    for (const bench of await benches(dataSource)) {
      const request: TeachingReportRequest = { ...bench.request, groupBy: [...bench.request.groupBy], actor: SYSTEM_ACTOR };
      const runs: number[] = [];
      let result: TeachingReport | null = null;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        result = await reports.execute(request);
        runs.push(performance.now() - start);
      }
      const rawStart = performance.now();
      const groups = bench.sql.groups.map((expression, index) => `${expression} AS g${index}`);
      const ordinals = bench.sql.groups.map((_, index) => index + 1).join(', ');
      const rawRows = groups.length
        ? ((await dataSource.query(
            `SELECT ${groups.join(', ')}, ${MEASURES} FROM teaching_activity_lines WHERE counted = 1 ${bench.sql.where} GROUP BY ${ordinals}`,
          )) as Record<string, unknown>[])
        : [];
      const [rawTotal] = (await dataSource.query(
        `SELECT ${MEASURES} FROM teaching_activity_lines WHERE counted = 1 ${bench.sql.where}`,
      )) as Record<string, unknown>[];
      const rawMs = performance.now() - rawStart;

      const label = (expression: string, value: unknown) =>
        kindOf[expression] ? dictionary.get(`${kindOf[expression]}:${Number(value)}`) : String(value);
      const expected = new Map(
        rawRows.map((row) => [bench.sql.groups.map((expression, index) => label(expression, row[`g${index}`])).join('|'), measuresOf(row)]),
      );
      const periodKey = (grouping: string, value: string | number) =>
        grouping === 'month'
          ? String(value).replace('-', '')
          : grouping === 'year'
            ? String(value)
            : grouping === 'term'
              ? `${String(value).slice(0, 4)}${String(value).slice(-1)}`
              : String(value);
      const actual = new Map(
        result!.rows.map((row) => [
          request.groupBy.map((grouping) => periodKey(grouping, row.group[grouping]!.value)).join('|'),
          row.measures,
        ]),
      );
      const same = (a: ReportMeasures | undefined, b: ReportMeasures | undefined) =>
        !!a && !!b && (Object.keys(a) as (keyof ReportMeasures)[]).every((measure) => Math.abs(a[measure] - b[measure]) < 1e-6);
      const mismatch =
        !same(result!.total, measuresOf(rawTotal ?? {})) ||
        expected.size !== actual.size ||
        [...expected].some(([group, measures]) => !same(measures, actual.get(group)));
      times.push({ name: bench.name, filtered: bench.filtered, ms: median(runs), rawMs, source: result!.source, mismatch });
      console.log(
        `${bench.name.padEnd(48)} ${median(runs).toFixed(1).padStart(8)} ms (${result!.source}, ${result!.rows.length} rows)   by hand ${rawMs.toFixed(0).padStart(7)} ms${mismatch ? '   MISMATCH' : ''}`,
      );
    }
    const round = (value: number) => Math.round(value * 10) / 10;
    console.log(
      JSON.stringify({
        bench: 'reports',
        db: database.kind,
        rows: imported.imported,
        loadSeconds: round(loadSeconds),
        loadRowsPerSec: Math.round(imported.lines / loadSeconds),
        p50Ms: round(median(times.map((t) => t.ms))),
        maxMs: round(Math.max(...times.map((t) => t.ms))),
        filteredMaxMs: round(Math.max(...times.filter((t) => t.filtered).map((t) => t.ms))),
        rawSqlP50Ms: round(median(times.map((t) => t.rawMs))),
        mismatches: times.filter((t) => t.mismatch).length,
      }),
    );
  } catch (error) {
    // The work in flight fails once its connection is closed under it: the signal handler exits.
    if (stopped) await new Promise(() => {});
    throw error;
  } finally {
    if (!stopped) await cleanUp();
  }
}

await main();
