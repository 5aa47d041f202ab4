import { In, type EntityManager } from 'typeorm';
import { ScheduleRunStore, type JointSession, type ProgramSnapshot, type ScheduleRun, type ScheduleRunStatus } from '#scheduling';
import { CourseEntity } from '../entities/course.entity.js';
import { InstitutionEntity } from '../entities/institution.entity.js';
import { InstructorEntity } from '../entities/instructor.entity.js';
import { JointSessionClassEntity, JointSessionEntity } from '../entities/joint-session.entity.js';
import { PairingClassEntity, PairingEntity } from '../entities/pairing.entity.js';
import { ScheduleRunEntity } from '../entities/schedule-run.entity.js';
import { TermEntity } from '../entities/term.entity.js';
import { WesternClassEntity } from '../entities/western-class.entity.js';
import * as map from './mappers.js';
import { groupChildren } from './typeorm-store.js';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toDomain(e: ScheduleRunEntity): ScheduleRun {
  return {
    id: e.id,
    scope: JSON.parse(e.scope) as ScheduleRun['scope'],
    seed: e.seed,
    status: e.status,
    progressPercent: e.progressPercent,
    cancelRequested: Boolean(e.cancelRequested),
    error: e.error,
    plan: json(e.plan),
    fingerprint: e.fingerprint,
    published: json(e.published),
    requestedBy: e.requestedBy,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    publishedAt: e.publishedAt,
  };
}

function toEntity(d: ScheduleRun): ScheduleRunEntity {
  return Object.assign(new ScheduleRunEntity(), {
    ...d,
    scope: JSON.stringify(d.scope),
    plan: d.plan === null ? null : JSON.stringify(d.plan),
    published: d.published === null ? null : JSON.stringify(d.published),
  });
}

/** Schedule runs and the bulk program read, on one transaction's EntityManager. */
export class TypeormScheduleRunStore extends ScheduleRunStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  private get repository() {
    return this.manager.getRepository(ScheduleRunEntity);
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<ScheduleRun | null> {
    if (options.lock && this.manager.connection.options.type === 'postgres')
      await this.manager.query('SELECT id FROM schedule_runs WHERE id = $1 FOR UPDATE', [id]);
    const row = await this.repository.findOneBy({ id });
    return row ? toDomain(row) : null;
  }

  async save(run: ScheduleRun): Promise<void> {
    await this.repository.save(toEntity(run));
  }

  async saveProgress(id: string, percent: number): Promise<void> {
    // Only while running: a late progress write never lands on a finished run.
    await this.repository.update({ id, status: 'running' }, { progressPercent: percent });
  }

  async listByStatus(statuses: readonly ScheduleRunStatus[]): Promise<ScheduleRun[]> {
    const rows = await this.repository.find({ where: { status: In([...statuses]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toDomain);
  }

  async loadProgram(): Promise<ProgramSnapshot> {
    const m = this.manager;
    // One query after another: a transaction's connection runs one query at a time (pg deprecates overlapping ones).
    const institutions = await m.getRepository(InstitutionEntity).find({ order: { id: 'ASC' } });
    const terms = await m.getRepository(TermEntity).find({ order: { id: 'ASC' } });
    const instructors = await m.getRepository(InstructorEntity).find({ order: { id: 'ASC' } });
    const courses = await m.getRepository(CourseEntity).find({ order: { id: 'ASC' } });
    const classes = await m.getRepository(WesternClassEntity).find({ order: { id: 'ASC' } });
    const pairings = await m.getRepository(PairingEntity).find({ order: { id: 'ASC' } });
    const pairingClasses = await m.getRepository(PairingClassEntity).find({ order: { pairingId: 'ASC', westernClassId: 'ASC' } });
    const sessions = await m
      .getRepository(JointSessionEntity)
      .find({ where: { status: 'scheduled' }, order: { startsAt: 'ASC', id: 'ASC' } });
    const sessionClasses = await m
      .getRepository(JointSessionClassEntity)
      .createQueryBuilder('jc')
      .innerJoin(JointSessionEntity, 's', 's.id = jc.joint_session_id')
      .where('s.status = :status', { status: 'scheduled' })
      .orderBy('jc.joint_session_id', 'ASC')
      .addOrderBy('jc.western_class_id', 'ASC')
      .getMany();
    const classesOfPairing = groupChildren(
      pairingClasses,
      (c) => c.pairingId,
      (c) => c.westernClassId,
    );
    const classesOfSession = groupChildren(
      sessionClasses,
      (c) => c.jointSessionId,
      (c) => c.westernClassId,
    );
    return {
      program: {
        institutions: institutions.map(map.institution.toDomain),
        terms: terms.map(map.term.toDomain),
        instructors: instructors.map(map.instructor.toDomain),
        courses: courses.map(map.course.toDomain),
        westernClasses: classes.map(map.westernClass.toDomain),
      },
      pairings: pairings.map((p) => map.pairing.toDomain(p, classesOfPairing.get(p.id) ?? [])),
      scheduledSessions: sessions.map((s): JointSession => map.jointSession.toDomain(s, classesOfSession.get(s.id) ?? [])),
    };
  }
}
