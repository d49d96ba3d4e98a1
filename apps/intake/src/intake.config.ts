import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class IntakeConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  INTAKE_PORT = 3001;

  /** gRPC (huiying.v1.IntakeService + health + reflection). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  GRPC_PORT = 50051;

  /** Key for personal data at rest (reporter contact). Set a real secret outside local development. */
  @IsString() @MinLength(16)
  HUIYING_DATA_KEY = 'local-development-key-not-for-production';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 200;
}
