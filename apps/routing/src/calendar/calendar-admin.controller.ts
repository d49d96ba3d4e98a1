import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CalendarYearLoadedDto, CalendarYearParamDto, CalendarYearsDto, LoadCalendarYearDto } from '@huiying/contracts';
import { CalendarService } from './calendar.service';

/** Administrators load each year's State Council holiday notice without a deploy. */
@ApiTags('calendar-admin')
@Controller('v1/admin/calendar')
export class CalendarAdminController {
  constructor(private readonly calendar: CalendarService) {}

  @RequireScope('admin', { caseParam: false })
  @Put('years/:year')
  @ApiOperation({
    summary: "Load (or re-load) a year's official working days (国务院办公厅节假日安排通知)",
    description:
      'Stored as a new revision with a history row; emits calendar.updated.v1 (keyed calendar:<year>) through the outbox in the same transaction. Answers change at once.',
  })
  @ApiOkResponse({ type: CalendarYearLoadedDto })
  @ApiBadRequestResponse({ description: 'Field-level type errors; nothing stored.' })
  @ApiUnprocessableEntityResponse({ description: 'The data breaks the calendar rules: problems listed; nothing stored.' })
  load(@Param() params: CalendarYearParamDto, @Body() dto: LoadCalendarYearDto): Promise<CalendarYearLoadedDto> {
    return this.calendar.loadYear(params.year, dto);
  }

  @RequireScope('admin', { caseParam: false })
  @Get('years')
  @ApiOperation({ summary: 'Years with official data: built-in (chinese-days) and loaded by administrators' })
  @ApiOkResponse({ type: CalendarYearsDto })
  years(): Promise<CalendarYearsDto> {
    return this.calendar.listYears();
  }
}
