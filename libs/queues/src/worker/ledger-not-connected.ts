import type { SessionActivityRecorder } from './processors.js';

/** The session-end job ran in a process where no ledger (RecordTeachingActivity) is wired in. */
export class LedgerNotConnectedError extends Error {
  override readonly name = 'LedgerNotConnectedError';
}

/**
 * Stands in for RecordTeachingActivity where an app wires none: it refuses, so the job fails and
 * is retried with backoff (kept in the failed list afterwards) instead of pretending to record.
 */
export class LedgerNotConnectedRecorder implements SessionActivityRecorder {
  execute(command: { jointSessionId: string }): Promise<{ outcome: string }> {
    return Promise.reject(
      new LedgerNotConnectedError(
        `No teaching-activity ledger is wired into this process; session ${command.jointSessionId} waits for a retry`,
      ),
    );
  }
}
