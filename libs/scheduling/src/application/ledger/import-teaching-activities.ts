import type { Course, Institution, Instructor, Term, WesternClass } from '../../domain/model.js';
import { instantMillis } from '../../domain/zoned-interval.js';
import type { Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { LedgerUnitOfWork, RollupTracker } from '../ports/ledger.js';
import type { Store, Stores } from '../ports/stores.js';
import { timeOrderedId } from './activity-id.js';
import { parseCsvChunks, type CsvSource } from './csv.js';
import {
  campusParticipation,
  classParticipation,
  equalShares,
  participantProblems,
  percentToBasisPoints,
  teachingPeriodsFor,
  type CampusParticipation,
  type InstructorShare,
  type TeachingActivity,
  type TeachingActivityStatus,
} from './teaching-activity.js';

/**
 * The CSV a historic import reads: a header line naming the columns (any order), then one activity
 * per line. `instructors` is `id` or `id:percent|id:percent` (shares add up to 100; without shares
 * they are equal); `westernClasses` is `classId` or `classId:studentsPresent|...` (enrolment
 * stands in when absent); `campuses` is `institutionId:studentsPresent|...` for lines that name only
 * the campus. Each line needs `westernClasses` or `campuses`.
 */
export const IMPORT_COLUMNS = {
  required: ['externalId', 'startsAt', 'durationMinutes', 'instructors'],
  optional: ['westernClasses', 'campuses', 'teachingPeriods', 'discipline', 'courseId', 'termId', 'status'],
} as const;

type Column = (typeof IMPORT_COLUMNS.required)[number] | (typeof IMPORT_COLUMNS.optional)[number];

/** Where each column is in a line (-1: not in the file), and how many fields a line has. */
type Columns = Record<Column, number> & { width: number };

export interface ImportTeachingActivitiesCommand {
  csv: CsvSource;
  actor: Actor;
  /** Called after each committed batch with the counts so far: a long import shows its progress. */
  onProgress?: (soFar: Readonly<Omit<ImportTeachingActivitiesResult, 'problems'>>) => void;
}

export interface ImportProblem {
  /** Line of the file (1 = the header). */
  line: number;
  externalId: string | null;
  reason: string;
}

export interface ImportTeachingActivitiesResult {
  /** Data lines read. */
  lines: number;
  imported: number;
  /** Lines whose externalId was imported before: skipped, so a re-import adds nothing twice. */
  alreadyPresent: number;
  rejected: number;
  /** The first `MAX_REPORTED_PROBLEMS` rejected lines, each with its reason. */
  problems: ImportProblem[];
}

export const MAX_REPORTED_PROBLEMS = 1000;
const WHOLE = /^\d{1,6}$/;

interface ParsedLine {
  line: number;
  externalId: string;
  startsAt: string;
  startsMillis: number;
  durationMinutes: number;
  teachingPeriods: number | null;
  instructors: { id: string; share: number | null }[];
  classes: { id: string; present: number | null }[];
  campuses: { id: string; present: number }[];
  discipline: string;
  courseId: string | null;
  termId: string | null;
  status: TeachingActivityStatus;
}

class Rejected extends Error {}

/** Remembers catalog records across batches: an import names the same few thousand again and again. */
class ReferenceCache<T extends { id: string }> {
  private readonly known = new Map<string, T | null>();
  constructor(private readonly store: (stores: Stores) => Store<T, unknown>) {}

  /** Reads the records of the ids not seen before; returns those found. */
  async load(stores: Stores, ids: Iterable<string>): Promise<T[]> {
    const unknown = new Set<string>();
    for (const id of ids) if (!this.known.has(id)) unknown.add(id);
    const missing = [...unknown];
    const loaded: T[] = [];
    for (let start = 0; start < missing.length; start += 500) {
      const chunk = missing.slice(start, start + 500);
      const found = await this.store(stores).findByIds(chunk);
      for (const id of chunk) this.known.set(id, null);
      for (const item of found) this.known.set(item.id, item);
      loaded.push(...found);
    }
    return loaded;
  }

  get(id: string): T | null {
    return this.known.get(id) ?? null;
  }

  /** Whether the id was looked up before (found or not). */
  has(id: string): boolean {
    return this.known.has(id);
  }
}

interface Caches {
  instructors: ReferenceCache<Instructor>;
  classes: ReferenceCache<WesternClass>;
  institutions: ReferenceCache<Institution>;
  courses: ReferenceCache<Course>;
  terms: ReferenceCache<Term>;
}

/** A batch being gathered: its parsed lines so far, their activities and each externalId's line. */
interface GatheredBatch {
  lines: number;
  activities: TeachingActivity[];
  externalIds: Map<string, number>;
}
const newBatch = (): GatheredBatch => ({ lines: 0, activities: [], externalIds: new Map() });

/** Lines resolved between two turns of the event loop. */
const RESOLVE_SLICE = 10_000;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Activities whose rollups one catch-up transaction brings up to date. */
const CATCH_UP_STEP = 1_000_000;
/**
 * Activities whose rollups the import writes in one transaction as it goes (rolled up on the side
 * from the lines it appends). Bigger than a catch-up step: each write merges into the year and
 * all-time cells again, while writing a step's new cells takes seconds, not a catch-up's minute.
 */
const ROLLUP_STEP = 2_500_000;

/**
 * Brings the report rollups up to date, one transaction per `step` activities, so other work (on
 * SQLite: all of it) gets in between steps. For the end of an import and for a start after one stopped.
 */
export async function catchUpRollupsInSteps(ledgerUnitOfWork: LedgerUnitOfWork, step = CATCH_UP_STEP): Promise<void> {
  let current = false;
  while (!current) current = await ledgerUnitOfWork.run((_, ledger) => ledger.catchUpRollups(step));
}

/**
 * Imports historic teaching activities from CSV, streaming: lines are checked one by one, the good
 * ones are appended in big batches (one unit of work each), every bad line is reported with its line
 * number and reason while the good lines are kept. Idempotent by `externalId`: a line imported
 * before is skipped, so running the same file twice adds nothing the second time. The report rollups
 * are brought up to date once, after the last batch. The bulk path the benchmark loads ten million
 * activities through.
 */
export class ImportTeachingActivities {
  private readonly batchSize: number;
  private readonly catchUpStep: number;
  private readonly rollupStep: number;

  constructor(
    private readonly ledgerUnitOfWork: LedgerUnitOfWork,
    private readonly clock: Clock,
    /**
     * `catchUpStep`: activities whose rollups one transaction of the final catch-up brings up to date;
     * `rollupStep`: activities whose rollups, computed on the side, one write covers while the import goes.
     */
    options: { batchSize?: number; catchUpStep?: number; rollupStep?: number } = {},
    private readonly newId: (startsAtMillis: number) => string = (millis) => timeOrderedId(millis),
  ) {
    this.batchSize = options.batchSize ?? 20_000;
    this.catchUpStep = options.catchUpStep ?? CATCH_UP_STEP;
    this.rollupStep = options.rollupStep ?? ROLLUP_STEP;
  }

  async execute(command: ImportTeachingActivitiesCommand): Promise<ImportTeachingActivitiesResult> {
    if (!['system', 'admin', 'program_coordinator'].includes(command.actor.role))
      throw ApplicationError.forbidden('Only program coordinators import the ledger.');
    const result: ImportTeachingActivitiesResult = { lines: 0, imported: 0, alreadyPresent: 0, rejected: 0, problems: [] };
    // The first MAX_REPORTED_PROBLEMS bad lines in file order, though a slice's lines refused against
    // the catalog are found after its later lines refused when read: kept up to twice as many, cut to the lowest.
    const byLine = (a: ImportProblem, b: ImportProblem) => a.line - b.line;
    const reject = (line: number, externalId: string | null, reason: string) => {
      result.rejected++;
      result.problems.push({ line, externalId, reason });
      if (result.problems.length >= 2 * MAX_REPORTED_PROBLEMS)
        result.problems = result.problems.sort(byLine).slice(0, MAX_REPORTED_PROBLEMS);
    };
    const caches: Caches = {
      instructors: new ReferenceCache<Instructor>((s) => s.instructors),
      classes: new ReferenceCache<WesternClass>((s) => s.westernClasses),
      institutions: new ReferenceCache<Institution>((s) => s.institutions),
      courses: new ReferenceCache<Course>((s) => s.courses),
      terms: new ReferenceCache<Term>((s) => s.terms),
    };
    // Rolls up each committed batch on the side (another thread, where the adapter has one) while
    // the next ones are written; whatever it could not follow is caught up from the lines at the end.
    const tracker = this.ledgerUnitOfWork.trackRollups({ step: this.rollupStep });
    try {
      await this.readAndAppend(command, result, caches, reject, tracker);
      await tracker?.finish();
    } finally {
      await tracker?.close();
    }
    // Stopped before this line, the next import or recorded session catches the rollups up.
    await catchUpRollupsInSteps(this.ledgerUnitOfWork, this.catchUpStep);
    result.problems = result.problems.sort(byLine).slice(0, MAX_REPORTED_PROBLEMS);
    return result;
  }

  private async readAndAppend(
    command: ImportTeachingActivitiesCommand,
    result: ImportTeachingActivitiesResult,
    caches: Caches,
    reject: (line: number, externalId: string | null, reason: string) => void,
    tracker: RollupTracker | null,
  ): Promise<void> {
    let columns: Columns | null = null;
    const instants = new Map<string, Instant>();
    // Lines are resolved a slice at a time as they are read, so a parsed line lives briefly; the
    // batch gathers the activities of `batchSize` parsed lines, with their externalIds.
    const slice = Math.min(RESOLVE_SLICE, this.batchSize);
    let parsed: ParsedLine[] = [];
    let batch = newBatch();
    // One batch is written while the next is read and resolved: on PostgreSQL the database works on
    // one while this process works on the other. Batches still commit one at a time, in file order.
    let writing: Promise<void> | null = null;
    // `read`: the lines read and rejected up to the batch's end (the next batch is being read meanwhile).
    const write = async (activities: TeachingActivity[], read: { lines: number; rejected: number }) => {
      const appended = await this.append(activities, tracker);
      result.imported += appended;
      result.alreadyPresent += activities.length - appended;
      await tracker?.writeReady();
      command.onProgress?.({
        lines: read.lines,
        imported: result.imported,
        alreadyPresent: result.alreadyPresent,
        rejected: read.rejected,
      });
    };
    const resolveParsed = async () => {
      if (parsed.length === 0) return;
      const lines = parsed;
      parsed = [];
      await this.resolveSlice(lines, caches, batch, reject);
      // A turn of the event loop after a full slice: the previous batch's transaction, waiting on
      // a reply from the database, goes on meanwhile instead of after the whole batch is resolved.
      if (lines.length >= RESOLVE_SLICE) await nextTurn();
    };
    const flush = async () => {
      await resolveParsed();
      if (batch.lines === 0) return;
      const activities = batch.activities;
      batch = newBatch();
      const read = { lines: result.lines, rejected: result.rejected };
      await writing;
      const next = write(activities, read);
      // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
      next.catch(() => {});
      writing = next;
    };
    let completed = false;
    try {
      for await (const records of parseCsvChunks(command.csv))
        for (const record of records) {
          if (!columns) {
            columns = headerColumns(record.fields);
            continue;
          }
          result.lines++;
          try {
            parsed.push(parseLine(record.line, record.fields, columns, instants));
            batch.lines++;
          } catch (error) {
            if (!(error instanceof Rejected)) throw error;
            reject(record.line, fieldOf(record.fields, columns, 'externalId') || null, error.message);
          }
          if (batch.lines >= this.batchSize) await flush();
          else if (parsed.length >= slice) await resolveParsed();
        }
      if (!columns)
        throw ApplicationError.invalidInput(
          'csv',
          `the file is empty; the first line must name the columns: ${IMPORT_COLUMNS.required.join(', ')}`,
        );
      await flush();
      completed = true;
    } finally {
      // The batch being written ends (commits or fails) before this returns; when the reading failed
      // first, its error is the one reported.
      const last = writing as Promise<void> | null;
      if (last) await (completed ? last : last.catch(() => {}));
    }
  }

  /**
   * Adds the activities of a slice of parsed lines to the batch, each line checked against the
   * catalog (a bad line is rejected, the rest kept).
   */
  private async resolveSlice(
    lines: ParsedLine[],
    caches: Caches,
    batch: GatheredBatch,
    reject: (line: number, externalId: string | null, reason: string) => void,
  ): Promise<void> {
    const now = this.clock.now().toUTC();
    const recordedAt = now.toISO()!;
    // The catalog records the slice names and no earlier slice did are read in their own unit of
    // work (on PostgreSQL another connection, while the previous batch is being written); after
    // the first slices there are none as a rule.
    const instructorIds: string[] = [];
    const classIds: string[] = [];
    const institutionIds: string[] = [];
    const courseIds: string[] = [];
    const termIds: string[] = [];
    for (const line of lines) {
      for (const instructor of line.instructors) if (!caches.instructors.has(instructor.id)) instructorIds.push(instructor.id);
      for (const entry of line.classes) if (!caches.classes.has(entry.id)) classIds.push(entry.id);
      for (const campus of line.campuses) if (!caches.institutions.has(campus.id)) institutionIds.push(campus.id);
      if (line.courseId && !caches.courses.has(line.courseId)) courseIds.push(line.courseId);
      if (line.termId && !caches.terms.has(line.termId)) termIds.push(line.termId);
    }
    if (instructorIds.length + classIds.length + institutionIds.length + courseIds.length + termIds.length > 0)
      await this.ledgerUnitOfWork.run(async (stores) => {
        await caches.instructors.load(stores, instructorIds);
        // A class's campus is read with the class (the cache keeps both).
        for (const westernClass of await caches.classes.load(stores, classIds)) institutionIds.push(westernClass.institutionId);
        await caches.institutions.load(stores, institutionIds);
        await caches.courses.load(stores, courseIds);
        await caches.terms.load(stores, termIds);
      });
    for (const line of lines) {
      const earlier = batch.externalIds.get(line.externalId);
      if (earlier !== undefined) {
        reject(line.line, line.externalId, `externalId repeats line ${earlier}`);
        continue;
      }
      batch.externalIds.set(line.externalId, line.line);
      try {
        batch.activities.push(this.resolve(line, caches, recordedAt, now.toMillis()));
      } catch (error) {
        if (!(error instanceof Rejected)) throw error;
        reject(line.line, line.externalId, error.message);
      }
    }
  }

  /** Appends one batch in its own unit of work; returns how many were new (the rest were imported before). */
  private async append(activities: TeachingActivity[], tracker: RollupTracker | null): Promise<number> {
    if (activities.length === 0) return 0;
    const appended = await this.ledgerUnitOfWork.run((_, ledger) =>
      ledger.append(activities, tracker ? { rollups: 'later', tracker } : { rollups: 'later' }),
    );
    return appended.length;
  }

  private resolve(line: ParsedLine, caches: Caches, recordedAt: string, nowMillis: number): TeachingActivity {
    // The ledger counts teaching that happened: a lesson not over yet is recorded when it ends.
    if (line.startsMillis + line.durationMinutes * 60_000 > nowMillis)
      throw new Rejected(
        `startsAt: the lesson at ${line.startsAt} is not over yet (now ${recordedAt}); only lessons that happened are imported`,
      );
    const shares = line.instructors.every((i) => i.share === null)
      ? equalShares(line.instructors.length)
      : line.instructors.map((i) => i.share);
    if (shares.some((share) => share === null)) throw new Rejected('instructors: give every instructor a share, or none (equal shares)');
    const instructors: InstructorShare[] = line.instructors.map((entry, index) => {
      const instructor = caches.instructors.get(entry.id);
      if (!instructor) throw new Rejected(`instructors: no instructor with id ${entry.id}`);
      if (instructor.role !== 'instructor')
        throw new Rejected(`instructors: ${instructor.name} is a host teacher, not an eastern instructor`);
      return { instructorId: instructor.id, easternInstitutionId: instructor.institutionId, shareBasisPoints: shares[index]! };
    });
    const campus = (institutionId: string, field: string): Institution => {
      const institution = caches.institutions.get(institutionId);
      if (!institution) throw new Rejected(`${field}: no institution with id ${institutionId}`);
      if (institution.region === 'east')
        throw new Rejected(`${field}: ${institution.nameEn} is an eastern institution, not a western campus`);
      return institution;
    };
    let firstClass: WesternClass | null = null;
    const campuses: CampusParticipation[] = [];
    for (const entry of line.classes) {
      const westernClass = caches.classes.get(entry.id);
      if (!westernClass) throw new Rejected(`westernClasses: no western class with id ${entry.id}`);
      firstClass ??= westernClass;
      campuses.push(
        classParticipation(
          westernClass,
          campus(westernClass.institutionId, 'westernClasses'),
          entry.present ?? westernClass.studentsEnrolled,
        ),
      );
    }
    for (const entry of line.campuses) campuses.push(campusParticipation(campus(entry.id, 'campuses'), entry.present));
    if (line.courseId && !caches.courses.get(line.courseId)) throw new Rejected(`courseId: no course with id ${line.courseId}`);
    if (line.termId && !caches.terms.get(line.termId)) throw new Rejected(`termId: no term with id ${line.termId}`);
    const courseId = line.courseId ?? firstClass?.courseId ?? null;
    const discipline = line.discipline || firstClass?.discipline || (courseId ? caches.courses.get(courseId)?.discipline : '') || '';
    if (!discipline) throw new Rejected('discipline: missing, and no western class or course to take it from');
    const activity: TeachingActivity = {
      id: this.newId(line.startsMillis),
      jointSessionId: null,
      externalId: line.externalId,
      status: line.status,
      startsAt: line.startsAt,
      durationMinutes: line.durationMinutes,
      teachingPeriods: line.teachingPeriods ?? teachingPeriodsFor(line.durationMinutes),
      discipline,
      courseId,
      termId: line.termId ?? firstClass?.termId ?? null,
      instructors,
      campuses,
      attendanceConfirmedAt: null,
      notHeldReason: null,
      makeUpSessionId: null,
      recordedAt,
    };
    const problems = participantProblems(activity);
    if (problems.length > 0) throw new Rejected(problems.join('; '));
    return activity;
  }
}

function headerColumns(fields: string[]): Columns {
  const known = new Set<string>([...IMPORT_COLUMNS.required, ...IMPORT_COLUMNS.optional]);
  const columns = new Map<Column, number>();
  fields.forEach((name, index) => {
    const trimmed = name.trim();
    if (!known.has(trimmed))
      throw ApplicationError.invalidInput('csv', `line 1: unknown column "${trimmed}"; the columns are ${[...known].join(', ')}`);
    columns.set(trimmed as Column, index);
  });
  const missing = IMPORT_COLUMNS.required.filter((name) => !columns.has(name));
  if (missing.length > 0) throw ApplicationError.invalidInput('csv', `line 1: the header lacks ${missing.join(', ')}`);
  if (!columns.has('westernClasses') && !columns.has('campuses'))
    throw ApplicationError.invalidInput('csv', 'line 1: the header needs westernClasses or campuses');
  const index = { width: columns.size } as Columns;
  for (const name of known) index[name as Column] = columns.get(name as Column) ?? -1;
  return index;
}

function fieldOf(fields: string[], columns: Columns, column: Column): string {
  const index = columns[column];
  return index < 0 ? '' : (fields[index] ?? '').trim();
}

/** A start read from the file: its UTC ISO form and its epoch milliseconds. */
type Instant = { iso: string; millis: number };
/** Starts remembered by their text in the file (see parseLine). */
const MAX_REMEMBERED_INSTANTS = 100_000;

function parseLine(line: number, fields: string[], columns: Columns, instants: Map<string, Instant>): ParsedLine {
  if (fields.length !== columns.width) throw new Rejected(`has ${fields.length} fields; the header names ${columns.width}`);
  const field = (column: Column) => fieldOf(fields, columns, column);
  const externalId = field('externalId');
  if (!externalId || externalId.length > 100) throw new Rejected('externalId: required, at most 100 characters');
  const startsText = field('startsAt');
  let starts = instants.get(startsText);
  if (starts === undefined) {
    const millis = instantMillis(startsText);
    if (Number.isNaN(millis))
      throw new Rejected(
        `startsAt: "${startsText}" is not an ISO-8601 instant with an offset on a date and time that exist, e.g. 2024-03-31T23:30:00Z`,
      );
    starts = { iso: new Date(millis).toISOString(), millis };
    // Lessons start at a few times a day: most lines repeat a start already read.
    if (instants.size >= MAX_REMEMBERED_INSTANTS) instants.clear();
    instants.set(startsText, starts);
  }
  const duration = field('durationMinutes');
  const durationMinutes = WHOLE.test(duration) ? Number(duration) : NaN;
  if (!(durationMinutes >= 1 && durationMinutes <= 600)) throw new Rejected('durationMinutes: must be a whole number from 1 to 600');
  const periods = field('teachingPeriods');
  const teachingPeriods = periods ? (WHOLE.test(periods) ? Number(periods) : NaN) : null;
  if (teachingPeriods !== null && !(teachingPeriods >= 1 && teachingPeriods <= 40))
    throw new Rejected('teachingPeriods: must be a whole number from 1 to 40');
  const status = field('status') || 'counted';
  if (status !== 'counted' && status !== 'not_held') throw new Rejected('status: must be counted or not_held');
  const instructors = entries(field('instructors'), 'instructors').map(([id, share]) => {
    if (share === undefined) return { id, share: null };
    const basisPoints = percentToBasisPoints(share);
    if (basisPoints === null) throw new Rejected(`instructors: share "${share}" must be a percent above 0 and at most 100`);
    return { id, share: basisPoints };
  });
  if (instructors.length === 0) throw new Rejected('instructors: at least one instructor id');
  const count = (text: string | undefined, name: string): number | null => {
    if (text === undefined) return null;
    if (!WHOLE.test(text)) throw new Rejected(`${name}: students present "${text}" must be a whole number`);
    return Number(text);
  };
  const classes = entries(field('westernClasses'), 'westernClasses').map(([id, present]) => ({
    id,
    present: count(present, 'westernClasses'),
  }));
  const campuses = entries(field('campuses'), 'campuses').map(([id, present]) => {
    const students = count(present, 'campuses');
    if (students === null) throw new Rejected(`campuses: give the students present, as ${id}:30`);
    return { id, present: students };
  });
  if (classes.length === 0 && campuses.length === 0) throw new Rejected('westernClasses or campuses: at least one');
  return {
    line,
    externalId,
    startsAt: starts.iso,
    startsMillis: starts.millis,
    durationMinutes,
    teachingPeriods,
    instructors,
    classes,
    campuses,
    discipline: field('discipline'),
    courseId: field('courseId') || null,
    termId: field('termId') || null,
    status,
  };
}

/** `a|b:2` -> [['a'], ['b', '2']]. */
function entries(text: string, name: string): [string, string | undefined][] {
  if (!text) return [];
  // Most lines name one id and nothing else.
  if (text.indexOf('|') === -1 && text.indexOf(':') === -1) return [[text.trim(), undefined]];
  return text.split('|').map((entry) => {
    const [id, value, extra] = entry.split(':');
    if (!id || extra !== undefined) throw new Rejected(`${name}: "${entry}" must be id or id:number`);
    return [id.trim(), value?.trim()];
  });
}
