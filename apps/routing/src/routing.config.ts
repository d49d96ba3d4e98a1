import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class RoutingConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  ROUTING_PORT = 3002;

  @IsString()
  ROUTING_CONSUMER_GROUP = 'huiying-routing';
}
