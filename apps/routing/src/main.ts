import 'reflect-metadata';
import { bootstrapHttpApp, loadConfig, startTracing } from '@huiying/platform';
import { AppModule } from './app.module';
import { RoutingConfig } from './routing.config';

async function main() {
  startTracing('routing'); // first: traces (README → Traces)
  const config = loadConfig(RoutingConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'routing',
    title: 'Huiying routing (归口)',
    description: 'Routing rules, department directory, case workflow start, claim and transfer.',
    port: config.ROUTING_PORT,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
