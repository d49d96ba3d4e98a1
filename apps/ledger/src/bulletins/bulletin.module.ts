import { Module } from '@nestjs/common';
import { MonthlyStatisticsModule } from '../statistics/monthly-statistics.module';
import { BulletinController } from './bulletin.controller';
import { BulletinRepository } from './bulletin.repository';
import { BulletinService } from './bulletin.service';
import { BulletinScheduler } from './bulletin-schedules';

/**
 * Bulletins (季通报/月报): generated on demand and by the Temporal schedules (created at start, with the activity
 * worker the schedules' workflows call), stored with sha256, listed and served.
 */
@Module({
  imports: [MonthlyStatisticsModule],
  controllers: [BulletinController],
  providers: [BulletinRepository, BulletinService, BulletinScheduler],
  exports: [BulletinService],
})
export class BulletinModule {}
