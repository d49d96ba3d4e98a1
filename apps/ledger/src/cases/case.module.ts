import { Module } from '@nestjs/common';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseController } from './case.controller';
import { CaseEventHub } from './case-event-hub';
import { CaseGrpcController } from './case-grpc.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController, CaseGrpcController],
  providers: [CaseRepository, CaseService, CaseEventsConsumer, CaseEventHub],
  exports: [CaseEventsConsumer, CaseEventHub],
})
export class CaseModule {}
