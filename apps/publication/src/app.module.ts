import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthModule, loadConfig, type HealthCheck } from '@huiying/platform';
import { createDataSource } from '@huiying/persistence';
import { PublicationConfig } from './publication.config';

// The publication context's features arrive with the opinion-case lifecycle issue; today it serves health and docs.
@Module({
  providers: [
    { provide: PublicationConfig, useFactory: () => loadConfig(PublicationConfig) },
    { provide: DataSource, useFactory: (c: PublicationConfig) => createDataSource(c, [], 'huiying-publication').initialize(), inject: [PublicationConfig] },
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
