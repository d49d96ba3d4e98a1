import { Module } from '@nestjs/common';
import { MonthlyStatisticsModule } from '../statistics/monthly-statistics.module';
import { BulletinController } from './bulletin.controller';
import { BulletinRepository } from './bulletin.repository';
import { BulletinService } from './bulletin.service';

/** Bulletins (季通报/月报): generated on demand, stored with sha256, listed and served. */
@Module({
  imports: [MonthlyStatisticsModule],
  controllers: [BulletinController],
  providers: [BulletinRepository, BulletinService],
  exports: [BulletinService],
})
export class BulletinModule {}
