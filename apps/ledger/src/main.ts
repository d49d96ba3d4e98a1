import 'reflect-metadata';
import { bootstrapHttpApp, loadConfig } from '@huiying/platform';
import { AppModule } from './app.module';
import { LedgerConfig } from './ledger.config';

async function main() {
  const config = loadConfig(LedgerConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'ledger',
    title: 'Huiying ledger (台账)',
    description: 'Read model of every case; case queries and reports.',
    port: config.LEDGER_PORT,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
