import { RequireScope } from '@huiying/access';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DueDateResult, WorkingDaysBetween } from '@huiying/calendar';
import { DueDateQueryDto, OfficialCalendarYearsDto, WorkingDaysQueryDto } from '@huiying/contracts';
import { CalendarService } from './calendar.service';

/** Public calendar answers for other government systems. */
@ApiTags('calendar')
@Controller('v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @RequireScope('read', { caseParam: false })
  @Get('due-date')
  @ApiOperation({
    summary: 'Due date of a working-day deadline (e.g. 20 working days to answer a disclosure application)',
    description:
      "Exactly @huiying/calendar's dueDate result with its explanation, on the official calendar (built-in years + years loaded by administrators). `provisional: true` when the range touches a year whose State Council notice is not loaded.",
  })
  @ApiOkResponse({ description: 'DueDateResult: status, due, dueAt, provisional, explanation, request.' })
  @ApiBadRequestResponse({ description: 'Field-level errors (errors: [{field, messages}]).' })
  dueDate(@Query() query: DueDateQueryDto): Promise<DueDateResult> {
    return this.calendar.dueDate(query);
  }

  @RequireScope('read', { caseParam: false })
  @Get('official-years')
  @ApiOperation({
    summary: 'The years loaded by administrators, as the official calendar is built from them (the one source of the calendar)',
    description:
      'The Temporal worker builds the calendar of its deadline activity from this answer (plus the built-in chinese-days years) instead of reading routing\'s tables; `version` (year:revision of every loaded year) changes with every load.',
  })
  @ApiOkResponse({ type: OfficialCalendarYearsDto })
  officialYears(): Promise<OfficialCalendarYearsDto> {
    return this.calendar.officialYears();
  }

  @RequireScope('read', { caseParam: false })
  @Get('working-days')
  @ApiOperation({ summary: 'Working days between two dates, both inclusive (workingDaysBetween)' })
  @ApiOkResponse({ description: '{from, to, count, days, provisional, yearsWithoutOfficialData}' })
  @ApiBadRequestResponse({ description: 'Field-level errors.' })
  workingDays(@Query() query: WorkingDaysQueryDto): Promise<WorkingDaysBetween> {
    return this.calendar.workingDays(query);
  }
}
