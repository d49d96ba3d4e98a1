import 'reflect-metadata';
import { GRPC_PACKAGE, GRPC_SERVICES, PROTO_FILES, PROTO_LOADER_OPTIONS, protoPath } from '@huiying/contracts';
import { bootstrapHttpApp, loadConfig, startTracing } from '@huiying/platform';
import { AppModule } from './app.module';
import { IntakeConfig } from './intake.config';

async function main() {
  startTracing('intake'); // first: traces (README → Traces)
  const config = loadConfig(IntakeConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'intake',
    title: 'Huiying intake',
    description: 'Reports, 12345 work orders and disclosure applications enter here.',
    port: config.INTAKE_PORT,
    logLevel: config.LOG_LEVEL,
    jsonBodyLimit: config.HTTP_JSON_LIMIT,
    grpc: { port: config.GRPC_PORT, protoFiles: [protoPath(PROTO_FILES.intake)], loader: PROTO_LOADER_OPTIONS, services: [`${GRPC_PACKAGE}.${GRPC_SERVICES.intake}`] },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
