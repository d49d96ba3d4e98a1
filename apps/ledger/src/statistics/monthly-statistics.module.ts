import { Module } from '@nestjs/common';
import { MonthlyStatisticsController } from './monthly-statistics.controller';
import { MonthlyStatisticsRepository } from './monthly-statistics.repository';
import { MonthlyStatisticsService } from './monthly-statistics.service';

@Module({
  controllers: [MonthlyStatisticsController],
  providers: [MonthlyStatisticsRepository, MonthlyStatisticsService],
  exports: [MonthlyStatisticsRepository],
})
export class MonthlyStatisticsModule {}
