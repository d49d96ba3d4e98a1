import 'reflect-metadata';
import { bootstrapHttpApp, loadConfig, startTracing } from '@huiying/platform';
import { AppModule } from './app.module';
import { PublicationConfig } from './publication.config';

async function main() {
  startTracing('publication'); // first: traces (README → Traces)
  const config = loadConfig(PublicationConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'publication',
    title: 'Huiying publication (回应)',
    description: 'Responses through channel adapters and reply letters for applications.',
    port: config.PUBLICATION_PORT,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
