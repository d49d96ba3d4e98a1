import { Module } from '@nestjs/common';
import { DailyLogController } from './daily-log.controller';
import { DailyLogRepository } from './daily-log.repository';
import { DailyLogService } from './daily-log.service';

@Module({
  controllers: [DailyLogController],
  providers: [DailyLogRepository, DailyLogService],
})
export class DailyLogModule {}
