import { Module } from '@nestjs/common';
import { PolicyModule } from '../policies/policy.module';
import { CaseRouteRepository } from './case-route.repository';
import { CaseWorkflowStarter } from './case-workflow.starter';
import { ReportReceivedConsumer } from './report-received.consumer';
import { RoutingRulesController } from './routing-rules.controller';
import { RoutingService } from './routing.service';

@Module({
  imports: [PolicyModule],
  controllers: [RoutingRulesController],
  providers: [CaseRouteRepository, CaseWorkflowStarter, RoutingService, ReportReceivedConsumer],
  exports: [ReportReceivedConsumer],
})
export class RoutingModule {}
