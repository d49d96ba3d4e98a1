import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthModule, loadConfig, type HealthCheck } from '@huiying/platform';
import { createDataSource } from '@huiying/persistence';
import { AssessmentConfig } from './assessment.config';

// The assessment context's features arrive with the opinion-case lifecycle issue; today it serves health and docs.
@Module({
  providers: [
    { provide: AssessmentConfig, useFactory: () => loadConfig(AssessmentConfig) },
    { provide: DataSource, useFactory: (c: AssessmentConfig) => createDataSource(c, [], 'huiying-assessment').initialize(), inject: [AssessmentConfig] },
  ],
  exports: [DataSource],
})
class InfrastructureModule implements OnApplicationShutdown {
  constructor(private readonly ds: DataSource) {}
  async onApplicationShutdown() {
    await this.ds.destroy();
  }
}

@Module({
  imports: [
    InfrastructureModule,
    HealthModule.register({
      imports: [InfrastructureModule],
      inject: [DataSource],
      useFactory: (ds: DataSource): HealthCheck[] => [{ name: 'postgres', check: async () => void (await ds.query('SELECT 1')) }],
    }),
  ],
})
export class AppModule {}
