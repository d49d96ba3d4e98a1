// `npm run db:migrate`: applies pending migrations to the app database and exits.
import 'reflect-metadata';
import { BaseConfig, createLogger, loadConfig } from '@huiying/platform';
import { createDataSource } from './data-source';

async function main() {
  const logger = createLogger('db-migrate');
  const config = loadConfig(BaseConfig);
  const ds = createDataSource(config, [], 'huiying-migrate');
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    logger.info({ applied: applied.map((m) => m.name) }, applied.length ? 'migrations applied' : 'schema up to date');
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
