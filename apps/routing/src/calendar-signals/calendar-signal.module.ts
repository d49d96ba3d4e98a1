import { Module } from '@nestjs/common';
import { CalendarSignalRepository } from './calendar-signal.repository';
import { CalendarSignalService } from './calendar-signal.service';
import { CalendarUpdatedConsumer } from './calendar-updated.consumer';

/** calendar.updated.v1 → the calendarUpdated signal of every open case. */
@Module({
  providers: [CalendarSignalRepository, CalendarSignalService, CalendarUpdatedConsumer],
  exports: [CalendarUpdatedConsumer],
})
export class CalendarSignalModule {}
