import type { Provider } from '@nestjs/common';
import { Clock, LedgerUnitOfWork, RecordTeachingActivity } from '#scheduling';
import { SESSION_ACTIVITY_RECORDER } from './worker.module.js';

/** Session-end jobs record through the ledger's RecordTeachingActivity (needs LedgerUnitOfWork in the module's imports). */
export const ledgerActivityRecorder: Provider = {
  provide: SESSION_ACTIVITY_RECORDER,
  useFactory: (ledger: LedgerUnitOfWork, clock: Clock) => new RecordTeachingActivity(ledger, clock),
  inject: [LedgerUnitOfWork, Clock],
};
