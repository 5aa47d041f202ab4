import { proposePairings, type PairingProposal, type PairRef } from '../../domain/propose-pairings.js';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { ApplicationError } from '../errors.js';
import type { ProgramSnapshot, ScheduleRunUnitOfWork } from '../ports/schedule-runs.js';
import { requireProgramScheduler } from './program-access.js';

export interface ProposePairingsCommand {
  /** Pair the classes of this (western class) term... */
  termId?: string;
  /** ...or these classes. */
  westernClassIds?: string[];
  /** Pairs the coordinator fixed: kept whatever their score; the rest is optimised around them. */
  pins?: PairRef[];
  /** Pairs the coordinator ruled out. */
  forbids?: PairRef[];
  /** Most classes one live lesson serves; 1 turns grouping off. Default 4. */
  maxCampusesPerLesson?: number;
}

export interface PairingProposalResult {
  proposal: PairingProposal;
  instructorNames: Record<string, string>;
  westernClassNames: Record<string, string>;
}

/**
 * Proposes which instructor teaches which classes (nothing is saved: the coordinator creates the
 * pairings it accepts). Ended pairings of the same classes count as last term's partners
 * (continuity); confirmed pairings of other classes in overlapping terms are the instructors'
 * committed weekly load.
 */
export class ProposePairings {
  constructor(private readonly unitOfWork: ScheduleRunUnitOfWork) {}

  async execute(command: ProposePairingsCommand, actor: Actor = SYSTEM_ACTOR): Promise<PairingProposalResult> {
    requireProgramScheduler(actor);
    const snapshot = await this.unitOfWork.run((_stores, runs) => runs.loadProgram());
    const { program } = snapshot;
    const classes = new Map(program.westernClasses.map((c) => [c.id, c]));
    const instructors = new Map(program.instructors.map((i) => [i.id, i]));
    let targets: string[];
    if (command.westernClassIds?.length) {
      command.westernClassIds.forEach((id, i) => {
        if (!classes.has(id)) throw ApplicationError.invalidReference(`westernClassIds[${i}]`, 'western class', id);
      });
      targets = [...new Set(command.westernClassIds)];
    } else if (command.termId) {
      if (!program.terms.some((t) => t.id === command.termId)) throw ApplicationError.invalidReference('termId', 'term', command.termId);
      targets = program.westernClasses.filter((c) => c.termId === command.termId && c.sessionsPerWeek > 0).map((c) => c.id);
    } else throw ApplicationError.invalidInput('termId', 'give termId or westernClassIds: the classes to pair');
    const wanted = new Set(targets);
    const checkRefs = (field: 'pins' | 'forbids', refs: readonly PairRef[]) =>
      refs.forEach((ref, i) => {
        if (!wanted.has(ref.westernClassId))
          throw ApplicationError.invalidInput(
            `${field}[${i}].westernClassId`,
            `class ${ref.westernClassId} is not among the classes being paired`,
          );
        if (!instructors.has(ref.instructorId))
          throw ApplicationError.invalidReference(`${field}[${i}].instructorId`, 'instructor', ref.instructorId);
      });
    checkRefs('pins', command.pins ?? []);
    checkRefs('forbids', command.forbids ?? []);
    const pinnedAndForbidden = (command.pins ?? []).find((p) =>
      (command.forbids ?? []).some((f) => f.westernClassId === p.westernClassId && f.instructorId === p.instructorId),
    );
    if (pinnedAndForbidden)
      throw ApplicationError.invalidInput(
        'forbids',
        `class ${pinnedAndForbidden.westernClassId} is both pinned to and forbidden for instructor ${pinnedAndForbidden.instructorId}`,
      );

    const proposal = proposePairings(program, {
      westernClassIds: targets,
      pins: command.pins,
      forbids: command.forbids,
      maxCampusesPerLesson: command.maxCampusesPerLesson,
      previousPairings: snapshot.pairings
        .filter((p) => p.status === 'ended')
        .flatMap((p) =>
          p.westernClassIds.filter((id) => wanted.has(id)).map((westernClassId) => ({ westernClassId, instructorId: p.instructorId })),
        ),
      committedLoad: committedLoad(snapshot, wanted),
    });
    const names = <T extends { id: string; name: string }>(ids: Iterable<string>, all: Map<string, T>) =>
      Object.fromEntries([...new Set(ids)].map((id) => [id, all.get(id)?.name ?? '']));
    return {
      proposal,
      instructorNames: names(
        proposal.pairings.map((p) => p.instructorId),
        instructors,
      ),
      westernClassNames: names([...targets], classes),
    };
  }
}

/** Weekly sessions each instructor already gives in confirmed pairings of other classes whose terms overlap the targets'. */
function committedLoad(snapshot: ProgramSnapshot, targets: ReadonlySet<string>): Record<string, number> {
  const { program } = snapshot;
  const terms = new Map(program.terms.map((t) => [t.id, t]));
  const classes = new Map(program.westernClasses.map((c) => [c.id, c]));
  const targetTerms = [...targets].map((id) => terms.get(classes.get(id)!.termId)).filter((t) => t !== undefined);
  const overlaps = (termId: string) => {
    const term = terms.get(termId);
    return !!term && targetTerms.some((t) => t.startLocalDate <= term.endLocalDate && term.startLocalDate <= t.endLocalDate);
  };
  const load: Record<string, number> = {};
  for (const pairing of snapshot.pairings) {
    if (pairing.status !== 'confirmed' || pairing.westernClassIds.some((id) => targets.has(id)) || !overlaps(pairing.termId)) continue;
    const perWeek = Math.max(0, ...pairing.westernClassIds.map((id) => classes.get(id)?.sessionsPerWeek ?? 0));
    load[pairing.instructorId] = (load[pairing.instructorId] ?? 0) + perWeek;
  }
  return load;
}
