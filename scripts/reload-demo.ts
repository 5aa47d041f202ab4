// demo:reload — empties the configured database (SQLite file or PostgreSQL schema) and loads the
// demo program again. Stop the service first when it runs on SQLite.
import { rmSync } from 'node:fs';
import { loadConfig, pinProcessToUtc } from '#config';
import { buildDemoProgram, demoCredentials, loadDemoProgram } from '#demo';
import { openDatabase, TypeormLedgerUnitOfWork, TypeormUnitOfWork } from '#persistence';
import { SystemClock } from '#scheduling';

pinProcessToUtc();
const config = loadConfig();
if (config.database.kind === 'sqlite') {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.database.path}${suffix}`, { force: true });
} else {
  const dataSource = await openDatabase(config.database);
  for (let i = dataSource.migrations.length; i > 0; i--) await dataSource.undoLastMigration({ transaction: 'each' });
  await dataSource.destroy();
}
const dataSource = await openDatabase(config.database);
const program = buildDemoProgram();
const credentials = demoCredentials(program.users, { random: config.env === 'production' });
const unitOfWork = new TypeormUnitOfWork(dataSource, new SystemClock());
const result = await loadDemoProgram(unitOfWork, program, credentials, new Date().toISOString(), new TypeormLedgerUnitOfWork(unitOfWork));
await dataSource.destroy();
console.log(
  `Demo program reloaded into ${config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL'}: ${JSON.stringify(result.counts)}`,
);
console.log(
  `Demo accounts (role, email, password):\n${credentials.map((c) => `  ${c.role.padEnd(24)} ${c.email.padEnd(32)} ${c.password}`).join('\n')}`,
);
