// admin:create — the first administrator of a database started without demo data (or a new one).
// Usage: npm run admin:create -- admin@university.edu.cn "Display Name"
// Prints a generated password once; sign in with it and change it (POST /auth/password).
import { randomBytes } from 'node:crypto';
import { loadConfig, pinProcessToUtc } from '#config';
import { openDatabase, TypeormUnitOfWork } from '#persistence';
import { SYSTEM_ACTOR, SystemClock, Users } from '#scheduling';

pinProcessToUtc();
const [email, displayName = 'Administrator'] = process.argv.slice(2);
if (!email || !email.includes('@')) {
  console.error('Usage: npm run admin:create -- <email> ["Display Name"]');
  process.exit(64);
}
const config = loadConfig();
const dataSource = await openDatabase(config.database);
const clock = new SystemClock();
const password = randomBytes(15).toString('base64url');
try {
  const user = await new Users(new TypeormUnitOfWork(dataSource, clock), clock).create(SYSTEM_ACTOR, {
    email,
    displayName,
    role: 'admin',
    password,
  });
  console.log(`Created administrator ${user.email} in ${config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL'}.`);
  console.log(`Password (shown once): ${password}`);
} catch (error) {
  console.error(`Could not create the administrator: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await dataSource.destroy();
}
