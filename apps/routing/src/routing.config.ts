import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class RoutingConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  ROUTING_PORT = 3002;

  @IsString()
  ROUTING_CONSUMER_GROUP = 'huiying-routing';

  /**
   * The policy jurisdiction of reports that name none (and whose calling system is not bound to one): its routing
   * table decides their lead department, its opinion deadline policy (else the national baseline) their clocks. A
   * jurisdiction without a routing table of its own is routed with this one's.
   */
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  DEFAULT_JURISDICTION = 'seed-city';

  /**
   * The jurisdiction of disclosure applications (their case jurisdiction): its disclosure policy in force at receipt
   * (else the national baseline 'cn') governs the application.
   */
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  DISCLOSURE_JURISDICTION = 'cn';

  /** How often the policy outbox (calendar.updated.v1) is polled when idle; loads also nudge it at once. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 500;
}
