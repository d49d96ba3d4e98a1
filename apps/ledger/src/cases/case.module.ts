import { Module } from '@nestjs/common';
import { CaseActionsController } from './case-actions.controller';
import { CaseActionsService } from './case-actions.service';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseController } from './case.controller';
import { CaseEventHub } from './case-event-hub';
import { CaseGrpcController } from './case-grpc.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController, CaseActionsController, CaseGrpcController],
  providers: [CaseRepository, CaseService, CaseActionsService, CaseEventsConsumer, CaseEventHub],
  exports: [CaseEventsConsumer, CaseEventHub, CaseRepository],
})
export class CaseModule {}
