import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Min, ValidateIf } from 'class-validator';

/** gRPC GetCase: the same id rule as GET /v1/cases/:id (ParseUUIDPipe). */
export class GetCaseRequestDto {
  @IsUUID(undefined, { message: 'caseId must be a UUID' })
  caseId!: string;
}

/** gRPC WatchCaseEvents: exactly one of caseId or department. */
export class WatchCaseEventsRequestDto {
  @ValidateIf((o: WatchCaseEventsRequestDto) => o.department === undefined || o.caseId !== undefined)
  @IsUUID(undefined, { message: 'caseId must be a UUID (or give department instead)' })
  caseId?: string;

  @ValidateIf((o: WatchCaseEventsRequestDto) => o.department !== undefined)
  @IsString() @IsNotEmpty() @Matches(/^[a-z0-9_.-]{1,100}$/, { message: 'department must be a department code, e.g. housing_urban_rural' })
  department?: string;

  @IsOptional() @IsInt() @Min(0)
  afterSequence?: number;
}
