import { Module } from '@nestjs/common';
import { HotlineController } from './hotline.controller';
import { HotlineWorkOrderConsumer } from './hotline.consumer';
import { ReportRepository } from '../reports/report.repository';
import { HotlineRepository } from './hotline.repository';
import { HotlineService } from './hotline.service';

@Module({
  controllers: [HotlineController],
  providers: [HotlineService, HotlineRepository, ReportRepository, HotlineWorkOrderConsumer],
  exports: [HotlineWorkOrderConsumer],
})
export class HotlineModule {}
