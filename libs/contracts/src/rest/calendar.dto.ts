import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DateField, OptionalDateField, QueryInt } from './validation';

/** One named day of a State Council holiday notice. */
export class NamedDayDto {
  @ApiProperty({ example: '2027-02-06', description: "'YYYY-MM-DD' inside the year (checked with the whole year: 422)." })
  @IsString() @MaxLength(10)
  date!: string;

  @ApiProperty({ example: '春节' })
  @IsString() @IsNotEmpty() @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({ example: 'Spring Festival' })
  @IsOptional() @IsString() @MaxLength(100)
  nameEn?: string;
}

/**
 * PUT /v1/admin/calendar/years/:year — one year's official working-day data (the `YearCalendar` record of
 * @huiying/calendar). Types are checked here (400); the calendar rules (dates inside the year, make-up days on
 * weekends, no date twice, …) by `validateYearCalendar` (422 with every problem listed).
 */
export class LoadCalendarYearDto {
  @ApiPropertyOptional({ example: 2027, description: 'Optional; must equal the year in the path.' })
  @IsOptional() @IsInt()
  year?: number;

  @ApiProperty({ type: [NamedDayDto], description: 'Every day off of the notice (放假).' })
  @IsArray() @ArrayMaxSize(366) @ValidateNested({ each: true }) @Type(() => NamedDayDto)
  holidays!: NamedDayDto[];

  @ApiProperty({ type: [NamedDayDto], description: 'Weekend days that are working days (调休上班).' })
  @IsArray() @ArrayMaxSize(120) @ValidateNested({ each: true }) @Type(() => NamedDayDto)
  makeUpWorkdays!: NamedDayDto[];

  @ApiProperty({ example: 'admin: State Council notice', description: 'Where the data comes from.' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  source!: string;

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知', description: 'The notice it restates (number, title or URL).' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  reference!: string;

  @ApiPropertyOptional({ example: 'disclosure-office:wang', description: 'Who loads it (recorded in the history). Default "admin-api".' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  loadedBy?: string;
}

export class CalendarYearLoadedDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: 1, description: '1, 2, … per year; never reused.' }) revision!: number;
  @ApiProperty() source!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ example: '2026-11-20T02:00:00.000Z' }) loadedAt!: string;
  @ApiProperty() loadedBy!: string;
  @ApiProperty({ description: 'Number of holidays loaded.' }) holidays!: number;
  @ApiProperty({ description: 'Number of make-up working days loaded.' }) makeUpWorkdays!: number;
  @ApiProperty({ example: 'calendar:2027:1', description: 'Id of the calendar.updated.v1 event written to the outbox.' }) eventId!: string;
  @ApiProperty({ description: 'Whether the year replaces built-in (chinese-days) data.' }) overridesBuiltIn!: boolean;
}

export class LoadedCalendarYearDto {
  @ApiProperty() year!: number;
  @ApiProperty() revision!: number;
  @ApiProperty() source!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() loadedAt!: string;
  @ApiProperty() loadedBy!: string;
  @ApiProperty() holidays!: number;
  @ApiProperty() makeUpWorkdays!: number;
  @ApiProperty() overridesBuiltIn!: boolean;
}

export class BuiltInCalendarDto {
  @ApiProperty({ example: 'chinese-days@1.5.7' }) source!: string;
  @ApiProperty({ type: [Number], description: 'Years carried by the chinese-days package.' }) years!: number[];
}

/** GET /v1/admin/calendar/years */
export class CalendarYearsDto {
  @ApiProperty({ type: BuiltInCalendarDto }) builtIn!: BuiltInCalendarDto;
  @ApiProperty({ type: [LoadedCalendarYearDto], description: 'Years loaded by administrators (they override built-in data).' })
  loaded!: LoadedCalendarYearDto[];
  @ApiProperty({ type: [Number], description: 'Every year with official data (built-in ∪ loaded); others are provisional.' })
  officialYears!: number[];
}

/**
 * GET /v1/calendar/official-years — the years loaded by administrators as the calendar is built from them (invalid
 * stored years left out, so they stay provisional), with the version they make. Every service and the worker build
 * their official calendar from this answer plus the built-in years of `chinese-days`: routing is the one source.
 */
export class OfficialCalendarYearsDto {
  @ApiProperty({ example: '2027:1', description: "year:revision of every loaded year ('built-in' when none): changes whenever a year is (re)loaded." })
  version!: string;
  @ApiProperty({ type: [Number], description: 'The built-in years (npm chinese-days) this answer assumes; loaded years replace them.' })
  builtInYears!: number[];
  @ApiProperty({ type: [Object], description: 'YearCalendar records: { year, holidays, makeUpWorkdays, source, reference }.' })
  years!: Record<string, unknown>[];
}

/** Repeated `pause` query params arrive as a string or a string[]: always an array here. */
const toArray = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** GET /v1/calendar/due-date */
export class DueDateQueryDto {
  @DateField('Receipt date (Asia/Shanghai); a non-working day counts as the next working day.', '2026-12-15')
  receivedOn!: string;

  @ApiProperty({ example: 20, minimum: 0, maximum: 1000, description: 'Working days to count, from the day after receipt.' })
  @QueryInt(0, 1000)
  workingDays!: number;

  @ApiPropertyOptional({
    example: '[{"from":"2026-12-20","to":"2026-12-31","reason":"third_party_consultation"}]',
    description: 'Pauses as a JSON array of {from, to?, reason}; to omitted = still paused.',
  })
  @IsOptional() @IsString() @MaxLength(5000)
  pauses?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['2026-12-20..2026-12-31:third_party_consultation'],
    description: "Pauses as repeated params 'from..to:reason' ('from..:reason' = still paused). Combined with `pauses`.",
  })
  @IsOptional() @Transform(toArray) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(80, { each: true })
  pause?: string[];

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 20, description: 'The one extension (延期), 1–20 working days.' })
  @IsOptional() @QueryInt(1, 20)
  extensionWorkingDays?: number;

  @OptionalDateField('Receipt of the corrected application (补正): the count restarts from it.', '2026-12-18')
  correctedOn?: string;
}

/** GET /v1/calendar/working-days */
export class WorkingDaysQueryDto {
  @DateField('First day (inclusive).', '2026-09-28') from!: string;
  @DateField('Last day (inclusive).', '2026-10-11') to!: string;
}

/** Path of PUT /v1/admin/calendar/years/:year */
export class CalendarYearParamDto {
  @ApiProperty({ example: 2027, minimum: 1900, maximum: 2199 })
  @QueryInt(1900, 2199)
  year!: number;
}
