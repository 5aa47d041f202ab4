import type { CommonSlot, PairingProposalResult, ScheduleRunPlanView, ScheduleRunSummary } from '#scheduling';
import { zonedSpans } from '../mappers/local-times.js';
import { jointSessionResponse, pageResponse } from '../mappers/responses.js';

export function pairingProposalResponse({ proposal, instructorNames, westernClassNames }: PairingProposalResult) {
  return {
    method: proposal.method,
    objective: proposal.objective,
    proposals: proposal.pairings.map((p) => ({
      instructorId: p.instructorId,
      instructorName: instructorNames[p.instructorId] ?? '',
      courseId: p.courseId,
      termId: p.termId,
      westernClasses: p.westernClassIds.map((id) => ({ id, name: westernClassNames[id] ?? '' })),
      pinned: p.pinned,
      sessionsPerWeek: p.sessionsPerWeek,
      durationMinutes: p.durationMinutes,
      studentsEnrolled: p.studentsEnrolled,
      score: p.score,
    })),
    unassigned: proposal.unpaired.map((u) => ({
      westernClassId: u.westernClassId,
      name: westernClassNames[u.westernClassId] ?? '',
      reason: u.reason,
    })),
    instructorLoad: proposal.instructorLoad,
  };
}

export function scheduleRunResponse({ run, report }: ScheduleRunSummary) {
  return {
    id: run.id,
    status: run.status,
    progressPercent: run.progressPercent,
    cancelRequested: run.cancelRequested,
    scope: run.scope,
    seed: run.seed,
    error: run.error,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    publishedAt: run.publishedAt,
    published: run.published && {
      created: run.published.created,
      moved: run.published.moved,
      cancelled: run.published.cancelled,
      kept: run.published.kept,
    },
    report,
  };
}

export function scheduleRunPlanResponse(view: ScheduleRunPlanView) {
  return {
    run: scheduleRunResponse(view.summary),
    sessions: pageResponse(view.sessions, ({ planned, view: parties, jointSessionId, replaces }) => {
      const { id: _draftId, status: _status, version: _version, meetingUrl: _meetingUrl, ...session } = jointSessionResponse(parties);
      return {
        planSessionId: planned.id,
        origin: planned.origin,
        jointSessionId,
        ...session,
        replaces: replaces && {
          sessionId: replaces.sessionId,
          startsAt: replaces.from.startsAt,
          endsAt: replaces.from.endsAt,
          reason: replaces.reason,
        },
      };
    }),
    moved: pageResponse(view.moved, ({ moved, view: parties }) => {
      const zones = parties
        ? [
            parties.instructor.timeZone,
            ...parties.westernClasses.flatMap((c) => [c.institution?.timeZone, c.institution?.secondaryTimeZone]),
          ]
        : [];
      return {
        sessionId: moved.sessionId,
        reason: moved.reason,
        from: {
          startsAt: moved.from.startsAt,
          endsAt: moved.from.endsAt,
          local: zonedSpans(moved.from.startsAt, moved.from.endsAt, zones),
        },
        to: moved.to && {
          planSessionId: moved.to.sessionId,
          startsAt: moved.to.startsAt,
          endsAt: moved.to.endsAt,
          local: zonedSpans(moved.to.startsAt, moved.to.endsAt, zones),
        },
      };
    }),
    unplaced: pageResponse(view.unplaced, ({ unplaced, instructorName, westernClassName }) => ({
      ...unplaced,
      instructorName,
      westernClassName,
    })),
  };
}

export function commonSlotResponse(slot: CommonSlot) {
  return {
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    westernClassIds: slot.westernClassIds,
    students: slot.students,
    local: slot.local,
    description: slot.description,
  };
}
