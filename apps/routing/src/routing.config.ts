import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class RoutingConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  ROUTING_PORT = 3002;

  @IsString()
  ROUTING_CONSUMER_GROUP = 'huiying-routing';

  /** How often the policy outbox (calendar.updated.v1) is polled when idle; loads also nudge it at once. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 500;
}
