import 'reflect-metadata';
import { bootstrapHttpApp, loadConfig } from '@huiying/platform';
import { AppModule } from './app.module';
import { IntakeConfig } from './intake.config';

async function main() {
  const config = loadConfig(IntakeConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'intake',
    title: 'Huiying intake',
    description: 'Reports, 12345 work orders and disclosure applications enter here.',
    port: config.INTAKE_PORT,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
