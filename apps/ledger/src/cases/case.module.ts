import { Module } from '@nestjs/common';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController],
  providers: [CaseRepository, CaseService, CaseEventsConsumer],
  exports: [CaseEventsConsumer],
})
export class CaseModule {}
