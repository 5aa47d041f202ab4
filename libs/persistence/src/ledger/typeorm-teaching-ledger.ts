import {
  forEachCreditLine,
  LedgerUnitOfWork,
  TeachingLedger,
  UnitOfWork,
  type AppendOptions,
  type Page,
  type PageRequest,
  type Region,
  type Stores,
  type TeachingActivity,
  type TeachingActivityFilter,
  type TeachingActivityStatus,
} from '#scheduling';
import { createStores } from '../repositories/stores.js';
import { TypeormUnitOfWork } from '../typeorm-unit-of-work.js';
import { beijingMonth, LedgerSql, type ActivityRow } from './ledger-sql.js';
import { KeyDictionary, KeyKind, type KeySession } from './ledger-keys.js';
import { rollupDeltas, type LedgerLine } from './rollup-grains.js';
import { applyRollupDeltas, rollUpLines } from './rollup-maintenance.js';
import { createRollupEngine, InProcessRollupEngine } from './rollup-engine.js';
import { TypeormRollupTracker } from './rollup-tracker.js';
import { L, LINE_WIDTH, linesOfBlock, type LineBlock } from './line-block.js';
import { packCountedLines } from './rollup-accumulator.js';

/** Counted lines in an import's first batch from which its rollups go to a worker thread. */
const THREAD_FROM_LINES = 10_000;
const utcMonth = (millis: number): number => {
  const date = new Date(millis);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
};

function activityRow(activity: TeachingActivity, seq: number): ActivityRow {
  return {
    id: activity.id,
    seq,
    jointSessionId: activity.jointSessionId,
    externalId: activity.externalId,
    instructorId: activity.instructors[0]!.instructorId,
    status: activity.status,
    startsAt: activity.startsAt,
    durationMinutes: activity.durationMinutes,
    teachingPeriods: activity.teachingPeriods,
    discipline: activity.discipline,
    courseId: activity.courseId,
    termId: activity.termId,
    studentsPresent: activity.campuses.reduce((sum, campus) => sum + campus.studentsPresent, 0),
    attendanceConfirmedAt: activity.attendanceConfirmedAt,
    notHeldReason: activity.notHeldReason,
    makeUpSessionId: activity.makeUpSessionId,
    recordedAt: activity.recordedAt,
  };
}

/** The ledger adapter inside one transaction. */
export class TypeormTeachingLedger extends TeachingLedger {
  private locked = false;
  /** Run by the unit of work once the transaction has committed. */
  readonly afterCommit: (() => void)[] = [];

  constructor(
    private readonly sql: LedgerSql,
    private readonly keys: KeySession,
  ) {
    super();
  }

  private async lock(): Promise<void> {
    if (this.locked) return;
    await this.sql.lock();
    this.locked = true;
  }

  async append(activities: readonly TeachingActivity[], options: AppendOptions = {}): Promise<TeachingActivity[]> {
    if (activities.length === 0) return [];
    await this.lock();
    const before = await this.sql.maxSeq();
    let seq = before;
    const rows = activities.map((activity) => activityRow(activity, ++seq));
    const inserted = await this.sql.insertActivities(rows);
    const appended: { activity: TeachingActivity; seq: number }[] = [];
    rows.forEach((row, index) => {
      if (inserted.has(row.id)) appended.push({ activity: activities[index]!, seq: row.seq });
    });
    const block = await this.lineBlockOf(appended);
    await this.sql.insertLines(block);
    const tracker = options.tracker instanceof TypeormRollupTracker ? options.tracker : null;
    if (options.rollups === 'later' && tracker && appended.length > 0) {
      const state = await this.sql.rollupState();
      const batch = {
        before,
        top: appended[appended.length - 1]!.seq,
        ...state,
        countedLines: packCountedLines(block),
        activities: appended.length,
      };
      this.afterCommit.push(() => tracker.appended(batch));
    }
    if (options.rollups !== 'later' && appended.length > 0) {
      const top = appended[appended.length - 1]!.seq;
      const rolledUpTo = await this.sql.rolledUpTo();
      // Rollups left behind (an import still running, or one stopped before its catch-up) are caught
      // up here, this batch's lines with them; otherwise the batch's own deltas are enough.
      if (rolledUpTo < before) await rollUpLines(this.sql, rolledUpTo, top);
      else
        await applyRollupDeltas(
          this.sql,
          rollupDeltas(
            linesOfBlock(block)
              .filter((line) => line.counted)
              .map((line) => ({ line, sign: 1 as const })),
          ),
        );
      await this.sql.setRolledUpTo(top);
    }
    return appended.map((entry) => entry.activity);
  }

  async catchUpRollups(maxActivities = Number.POSITIVE_INFINITY): Promise<boolean> {
    await this.lock();
    const rolledUpTo = await this.sql.rolledUpTo();
    const top = await this.sql.maxSeq();
    if (rolledUpTo >= top) return true;
    // A prefix of the backlog by seq: the watermark's promise (every line up to it, none above) holds at each commit.
    const upTo = Math.min(top, rolledUpTo + maxActivities);
    await rollUpLines(this.sql, rolledUpTo, upTo);
    await this.sql.setRolledUpTo(upTo);
    return upTo >= top;
  }

  async replace(activity: TeachingActivity): Promise<void> {
    await this.lock();
    const [row] = await this.sql.query(`SELECT seq FROM teaching_activities WHERE id = ${this.sql.param(1)}`, [activity.id]);
    if (!row) throw new Error(`teaching activity ${activity.id} is not in the ledger`);
    const seq = Number(row.seq);
    const before = await this.sql.linesOf([seq]);
    const block = await this.lineBlockOf([{ activity, seq }]);
    const after = linesOfBlock(block);
    await this.sql.updateActivity(activityRow(activity, seq));
    await this.sql.deleteLines(seq);
    await this.sql.insertLines(block);
    // Above the watermark the rollups hold none of its lines: the catch-up will read the new ones,
    // and an import that rolled up the old ones in memory learns from the revision not to write them.
    if (seq > (await this.sql.rolledUpTo())) {
      await this.sql.bumpLinesRevision();
      return;
    }
    const changes = [
      ...before.filter((line) => line.counted).map((line) => ({ line, sign: -1 as const })),
      ...after.filter((line) => line.counted).map((line) => ({ line, sign: 1 as const })),
    ];
    await applyRollupDeltas(this.sql, rollupDeltas(changes));
  }

  async findById(id: string): Promise<TeachingActivity | null> {
    const rows = await this.sql.query(`SELECT * FROM teaching_activities WHERE id = ${this.sql.param(1)}`, [id]);
    return (await this.hydrate(rows))[0] ?? null;
  }

  async findByJointSession(jointSessionId: string): Promise<TeachingActivity | null> {
    const rows = await this.sql.query(`SELECT * FROM teaching_activities WHERE joint_session_id = ${this.sql.param(1)}`, [jointSessionId]);
    return (await this.hydrate(rows))[0] ?? null;
  }

  async list(filter: TeachingActivityFilter, page: PageRequest): Promise<Page<TeachingActivity>> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      where.push(condition(this.sql.param(parameters.length)));
    };
    const empty = { items: [], total: 0, page: page.page, pageSize: page.pageSize };
    if (filter.status) add((p) => `status = ${p}`, filter.status);
    if (filter.jointSessionId) add((p) => `joint_session_id = ${p}`, filter.jointSessionId);
    if (filter.externalId) add((p) => `external_id = ${p}`, filter.externalId);
    if (filter.from) add((p) => `starts_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `starts_at < ${p}`, filter.to);
    let months: string | null = null;
    for (const [value, kind, column] of [
      [filter.instructorId, KeyKind.Teacher, 'instructor_key'],
      [filter.westernInstitutionId, KeyKind.Institution, 'western_institution_key'],
    ] as const) {
      if (!value) continue;
      const key = (await this.keys.lookup(kind, [value])).get(value);
      if (key === undefined) return empty;
      // Read once for both filters: the ledger's first and last month (see linesMonthsCondition).
      months ??= await this.sql.linesMonthsCondition(
        filter.from ? Date.parse(filter.from) : null,
        filter.to ? Date.parse(filter.to) : null,
      );
      add((p) => `seq IN (SELECT activity_seq FROM teaching_activity_lines WHERE ${months} AND ${column} = ${p})`, key);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.sql.query(`SELECT COUNT(*) AS total FROM teaching_activities ${clause}`, parameters);
    const rows = await this.sql.query(
      `SELECT * FROM teaching_activities ${clause} ORDER BY starts_at DESC, id DESC LIMIT ${Number(page.pageSize)} OFFSET ${(page.page - 1) * page.pageSize}`,
      parameters,
    );
    return { items: await this.hydrate(rows), total: Number(count?.total ?? 0), page: page.page, pageSize: page.pageSize };
  }

  /** The lines of activities, every dimension turned into its key (new keys created). */
  private async lineBlockOf(entries: readonly { activity: TeachingActivity; seq: number }[]): Promise<LineBlock> {
    if (entries.length === 0) return { values: new Float64Array(0), count: 0 };
    // One set of values per kind, read straight (a batch has hundreds of thousands of lines).
    const regions = new Set<string>();
    const provinces = new Set<string>();
    const institutions = new Set<string>();
    const classes = new Set<string>();
    const teachers = new Set<string>();
    const disciplines = new Set<string>();
    const courses = new Set<string>();
    let count = 0;
    for (const { activity } of entries) {
      count += activity.campuses.length * activity.instructors.length;
      disciplines.add(activity.discipline);
      if (activity.courseId !== null) courses.add(activity.courseId);
      for (const campus of activity.campuses) {
        regions.add(campus.region);
        provinces.add(campus.province);
        institutions.add(campus.westernInstitutionId);
        if (campus.westernClassId !== null) classes.add(campus.westernClassId);
        if (campus.hostTeacherId !== null) teachers.add(campus.hostTeacherId);
      }
      for (const instructor of activity.instructors) {
        institutions.add(instructor.easternInstitutionId);
        teachers.add(instructor.instructorId);
      }
    }
    const regionKeys = await this.keys.resolve(KeyKind.Region, regions);
    const provinceKeys = await this.keys.resolve(KeyKind.Province, provinces);
    const institutionKeys = await this.keys.resolve(KeyKind.Institution, institutions);
    const classKeys = await this.keys.resolve(KeyKind.WesternClass, classes);
    const teacherKeys = await this.keys.resolve(KeyKind.Teacher, teachers);
    const disciplineKeys = await this.keys.resolve(KeyKind.Discipline, disciplines);
    const courseKeys = await this.keys.resolve(KeyKind.Course, courses);
    const values = new Float64Array(count * LINE_WIDTH);
    let at = 0;
    for (const { activity, seq } of entries) {
      const millis = Date.parse(activity.startsAt);
      const startsMinute = Math.floor(millis / 60_000);
      const monthCn = beijingMonth(millis);
      const monthUtc = utcMonth(millis);
      const counted = activity.status === 'counted' ? 1 : 0;
      const discipline = disciplineKeys.get(activity.discipline)!;
      const course = activity.courseId === null ? -1 : courseKeys.get(activity.courseId)!;
      let line = 0;
      forEachCreditLine(activity, (campusIndex, instructorIndex, activityUnits, periodUnits, participationUnits) => {
        const campus = activity.campuses[campusIndex]!;
        const instructor = activity.instructors[instructorIndex]!;
        values[at + L.seq] = seq;
        values[at + L.line] = line++;
        values[at + L.counted] = counted;
        values[at + L.startsMinute] = startsMinute;
        values[at + L.monthCn] = monthCn;
        values[at + L.monthUtc] = monthUtc;
        values[at + L.campusIndex] = campusIndex;
        values[at + L.instructorIndex] = instructorIndex;
        values[at + L.region] = regionKeys.get(campus.region)!;
        values[at + L.province] = provinceKeys.get(campus.province)!;
        values[at + L.westernInstitution] = institutionKeys.get(campus.westernInstitutionId)!;
        values[at + L.westernClass] = campus.westernClassId === null ? -1 : classKeys.get(campus.westernClassId)!;
        values[at + L.hostTeacher] = campus.hostTeacherId === null ? -1 : teacherKeys.get(campus.hostTeacherId)!;
        values[at + L.easternInstitution] = institutionKeys.get(instructor.easternInstitutionId)!;
        values[at + L.instructor] = teacherKeys.get(instructor.instructorId)!;
        values[at + L.discipline] = discipline;
        values[at + L.course] = course;
        values[at + L.studentsEnrolled] = campus.studentsEnrolled;
        values[at + L.studentsPresent] = campus.studentsPresent;
        values[at + L.shareBp] = instructor.shareBasisPoints;
        values[at + L.activityUnits] = activityUnits;
        values[at + L.periodUnits] = periodUnits;
        values[at + L.participationUnits] = participationUnits;
        at += LINE_WIDTH;
      });
    }
    return { values, count };
  }

  private async hydrate(rows: Record<string, unknown>[]): Promise<TeachingActivity[]> {
    if (rows.length === 0) return [];
    const lines = await this.sql.linesOf(rows.map((row) => Number(row.seq)));
    const wanted = new Map<KeyKind, Set<number>>();
    const want = (kind: KeyKind, key: number | null) => {
      if (key === null) return;
      if (!wanted.has(kind)) wanted.set(kind, new Set());
      wanted.get(kind)!.add(key);
    };
    for (const line of lines) {
      want(KeyKind.Region, line.region);
      want(KeyKind.Province, line.province);
      want(KeyKind.Institution, line.westernInstitution);
      want(KeyKind.Institution, line.easternInstitution);
      want(KeyKind.WesternClass, line.westernClass);
      want(KeyKind.Teacher, line.hostTeacher);
      want(KeyKind.Teacher, line.instructor);
    }
    const values = new Map<KeyKind, Map<number, string>>();
    for (const [kind, set] of wanted) values.set(kind, await this.keys.valuesOf(kind, set));
    const value = (kind: KeyKind, key: number) => values.get(kind)?.get(key) ?? '';
    const optional = (kind: KeyKind, key: number | null) => (key === null ? null : value(kind, key));
    const bySeq = new Map<number, LedgerLine[]>();
    for (const line of lines) {
      if (!bySeq.has(line.seq)) bySeq.set(line.seq, []);
      bySeq.get(line.seq)!.push(line);
    }
    return rows.map((row) => {
      const own = bySeq.get(Number(row.seq)) ?? [];
      const campuses = new Map<number, TeachingActivity['campuses'][number]>();
      const instructors = new Map<number, TeachingActivity['instructors'][number]>();
      for (const line of own) {
        if (!campuses.has(line.campusIndex))
          campuses.set(line.campusIndex, {
            westernClassId: optional(KeyKind.WesternClass, line.westernClass),
            westernInstitutionId: value(KeyKind.Institution, line.westernInstitution),
            region: value(KeyKind.Region, line.region) as Region,
            province: value(KeyKind.Province, line.province),
            hostTeacherId: optional(KeyKind.Teacher, line.hostTeacher),
            studentsEnrolled: line.studentsEnrolled,
            studentsPresent: line.studentsPresent,
          });
        if (!instructors.has(line.instructorIndex))
          instructors.set(line.instructorIndex, {
            instructorId: value(KeyKind.Teacher, line.instructor),
            easternInstitutionId: value(KeyKind.Institution, line.easternInstitution),
            shareBasisPoints: line.shareBp,
          });
      }
      const sorted = <T>(map: Map<number, T>) => [...map.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
      return {
        id: String(row.id),
        jointSessionId: (row.joint_session_id as string | null) ?? null,
        externalId: (row.external_id as string | null) ?? null,
        status: String(row.status) as TeachingActivityStatus,
        startsAt: String(row.starts_at),
        durationMinutes: Number(row.duration_minutes),
        teachingPeriods: Number(row.teaching_periods),
        discipline: String(row.discipline),
        courseId: (row.course_id as string | null) ?? null,
        termId: (row.term_id as string | null) ?? null,
        instructors: sorted(instructors),
        campuses: sorted(campuses),
        attendanceConfirmedAt: (row.attendance_confirmed_at as string | null) ?? null,
        notHeldReason: (row.not_held_reason as string | null) ?? null,
        makeUpSessionId: (row.make_up_session_id as string | null) ?? null,
        recordedAt: String(row.recorded_at),
      };
    });
  }
}

/**
 * The catalog stores and the ledger in one transaction, through the same unit of work as every
 * other write (so SQLite stays serialized on its one connection).
 */
export class TypeormLedgerUnitOfWork extends LedgerUnitOfWork {
  readonly dictionary = new KeyDictionary();

  constructor(private readonly unitOfWork: UnitOfWork) {
    super();
    if (!(unitOfWork instanceof TypeormUnitOfWork)) throw new Error('TypeormLedgerUnitOfWork needs the TypeormUnitOfWork');
  }

  async run<T>(work: (stores: Stores, ledger: TeachingLedger) => Promise<T>): Promise<T> {
    let session: KeySession | null = null;
    let ledger: TypeormTeachingLedger | null = null;
    const result = await (this.unitOfWork as TypeormUnitOfWork).runWithManager((manager, now) => {
      const sql = LedgerSql.for(manager);
      session = this.dictionary.session(sql);
      ledger = new TypeormTeachingLedger(sql, session);
      return work(createStores(manager, now), ledger);
    });
    (session as KeySession | null)?.commit();
    for (const callback of (ledger as TypeormTeachingLedger | null)?.afterCommit ?? []) callback();
    return result;
  }

  /**
   * Rolls up an import's batches on a worker thread while it writes the next ones; in process when
   * its first batch is small (a thread takes a while to start), where the compiled thread script is
   * missing, or with `inProcess` (the tests).
   */
  override trackRollups(options: { step: number; inProcess?: boolean }): TypeormRollupTracker {
    return new TypeormRollupTracker(
      (work) => this.runSql((sql) => work(sql)),
      (firstBatchLines) => (options.inProcess || firstBatchLines < THREAD_FROM_LINES ? new InProcessRollupEngine() : createRollupEngine()),
      options.step,
    );
  }

  /** Raw ledger SQL and the dictionary in one (serialized on SQLite) transaction: the report queries. */
  async runSql<T>(work: (sql: LedgerSql, keys: KeySession) => Promise<T>): Promise<T> {
    let session: KeySession | null = null;
    const result = await (this.unitOfWork as TypeormUnitOfWork).runWithManager((manager) => {
      const sql = LedgerSql.for(manager);
      session = this.dictionary.session(sql);
      return work(sql, session);
    });
    (session as KeySession | null)?.commit();
    return result;
  }
}
