import { Module } from '@nestjs/common';
import { HotlineStatusController } from './hotline-status.controller';
import { CaseReportsConsumer } from './hotline-status.consumer';
import { HotlineStatusRepository } from './hotline-status.repository';
import { HotlineStatusService } from './hotline-status.service';

@Module({
  controllers: [HotlineStatusController],
  providers: [HotlineStatusRepository, HotlineStatusService, CaseReportsConsumer],
  exports: [CaseReportsConsumer],
})
export class HotlineStatusModule {}
