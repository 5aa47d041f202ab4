export { TypeormLedgerUnitOfWork } from './typeorm-teaching-ledger.js';
export { TypeormTeachingReports, planReport } from './typeorm-teaching-reports.js';
export { GRAINS, Level } from './rollup-grains.js';
export { LedgerPersistenceModule } from './ledger-persistence.module.js';
