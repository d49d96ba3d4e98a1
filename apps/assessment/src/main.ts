import 'reflect-metadata';
import { bootstrapHttpApp, loadConfig, startTracing } from '@huiying/platform';
import { AppModule } from './app.module';
import { AssessmentConfig } from './assessment.config';

async function main() {
  startTracing('assessment'); // first: traces (README → Traces)
  const config = loadConfig(AssessmentConfig);
  await bootstrapHttpApp(AppModule, {
    service: 'assessment',
    title: 'Huiying assessment (研判)',
    description: 'Grading, analyst decisions, consultation and approval, verification results.',
    port: config.ASSESSMENT_PORT,
    logLevel: config.LOG_LEVEL,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
