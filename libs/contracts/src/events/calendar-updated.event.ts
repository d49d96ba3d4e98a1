import { IsInt, IsISO8601, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/**
 * calendar.updated.v1 — an administrator loaded (or re-loaded) the official working-day data of a year
 * (the State Council's holiday notice). Emitted by routing through the policy outbox; keyed by `calendar:<year>`;
 * envelope id `calendar:<year>:<revision>`. Consumers re-read the calendar (it is the database, not this message,
 * that holds the days) and recompute every provisional or affected deadline. See libs/calendar/README.md.
 */
export class CalendarUpdatedV1 {
  @IsInt() @Min(1900) @Max(2199) year!: number;
  /** 1, 2, … per year; a higher revision supersedes a lower one. */
  @IsInt() @Min(1) revision!: number;
  @IsString() @IsNotEmpty() source!: string;
  /** The notice it restates, e.g. 国办发明电〔2026〕N号. */
  @IsString() @IsNotEmpty() reference!: string;
  @IsISO8601({ strict: true }) loadedAt!: string;
}
