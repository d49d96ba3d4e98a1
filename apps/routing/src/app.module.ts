import { Module } from '@nestjs/common';
import { AccessModule, WorkflowCaseReach } from '@huiying/access';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { checkTemporal } from '@huiying/temporal';
import { CalendarModule } from './calendar/calendar.module';
import { CalendarSignalModule } from './calendar-signals/calendar-signal.module';
import { CalendarUpdatedConsumer } from './calendar-signals/calendar-updated.consumer';
import { CaseActionModule } from './cases/case-action.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import type { OutboxRelay } from '@huiying/messaging';
import { InfrastructureModule, POLICY_OUTBOX_RELAY } from './infrastructure.module';
import { PolicyModule } from './policies/policy.module';
import { RoutingConfig } from './routing.config';
import { ReportReceivedConsumer } from './routing/report-received.consumer';
import { RoutingModule } from './routing/routing.module';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule.forRoot({ service: 'routing' }),
    AccessModule.forRoot({ service: 'routing', reach: { inject: [Client], useFactory: (c: Client) => new WorkflowCaseReach(c) } }),
    RoutingModule,
    CalendarModule,
    PolicyModule,
    DisclosureModule,
    CaseActionModule,
    CalendarSignalModule,
    HealthModule.register({
      imports: [RoutingModule, CalendarSignalModule],
      inject: [DataSource, Connection, RoutingConfig, ReportReceivedConsumer, CalendarUpdatedConsumer, POLICY_OUTBOX_RELAY],
      useFactory: (ds: DataSource, conn: Connection, c: RoutingConfig, consumer: ReportReceivedConsumer, calendar: CalendarUpdatedConsumer, policyOutbox: OutboxRelay): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        { name: 'temporal', check: () => checkTemporal(conn, c.TEMPORAL_NAMESPACE) },
        consumer.healthCheck(),
        calendar.healthCheck(),
        policyOutbox.healthCheck(),
      ],
    }),
  ],
})
export class AppModule {}
