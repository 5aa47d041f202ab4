import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#config';
import { bootstrap } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await bootstrap(config);
  await app.listen({ port: config.port, host: config.host });
  const logger = new Logger('main');
  logger.log(`API listening on ${config.publicUrl} (database: ${config.database.kind}); API docs at ${config.publicUrl}/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
