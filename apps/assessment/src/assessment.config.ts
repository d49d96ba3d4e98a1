import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class AssessmentConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  ASSESSMENT_PORT = 3003;

  /** Prefix of the consumer groups (…-reports for intake.reports.received.v1, …-cases for cases.events.v1). */
  @IsString()
  ASSESSMENT_CONSUMER_GROUP = 'huiying-assessment';
}
