import 'reflect-metadata';
import { GRPC_PACKAGE, GRPC_SERVICES, PROTO_FILES, PROTO_LOADER_OPTIONS, protoPath } from '@huiying/contracts';
import { bootstrapHttpApp, loadConfig, startTracing } from '@huiying/platform';
import { AppModule } from './app.module';
import { LedgerConfig } from './ledger.config';

async function main() {
  startTracing('ledger'); // first: traces (README → Traces)
  const config = loadConfig(LedgerConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'ledger',
    title: 'Huiying ledger (台账)',
    description: 'Read model of every case; case queries and reports.',
    port: config.LEDGER_PORT,
    logLevel: config.LOG_LEVEL,
    grpc: { port: config.GRPC_LEDGER_PORT, protoFiles: [protoPath(PROTO_FILES.case)], loader: PROTO_LOADER_OPTIONS, services: [`${GRPC_PACKAGE}.${GRPC_SERVICES.case}`] },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
