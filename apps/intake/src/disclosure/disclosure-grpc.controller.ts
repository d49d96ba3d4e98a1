import { GrpcMethod } from '@nestjs/microservices';
import { RequireScope } from '@huiying/access';
import type { Metadata } from '@grpc/grpc-js';
import {
  GRPC_IDEMPOTENCY_KEY,
  GRPC_SERVICES,
  SubmitDisclosureApplicationDto,
  type GrpcSubmitDisclosureApplicationRequest,
  type GrpcSubmitDisclosureApplicationResponse,
} from '@huiying/contracts';
import { GrpcController, validateGrpcRequest } from '@huiying/platform';
import { DisclosureApplicationService } from './disclosure.service';

/**
 * huiying.v1.IntakeService.SubmitDisclosureApplication: the same validation (SubmitDisclosureApplicationDto) and
 * semantics as POST /v1/disclosure-applications (receipt by channel: an unconfirmed ordinary letter, online or fax
 * application is stored as awaiting_receipt_confirmation, without received_on); the `idempotency-key` metadata plays
 * the Idempotency-Key header.
 */
@GrpcController()
export class DisclosureApplicationGrpcController {
  constructor(private readonly applications: DisclosureApplicationService) {}

  @RequireScope('submit')
  @GrpcMethod(GRPC_SERVICES.intake, 'SubmitDisclosureApplication')
  async submit(req: GrpcSubmitDisclosureApplicationRequest, metadata?: Metadata): Promise<GrpcSubmitDisclosureApplicationResponse> {
    const key = metadata?.get(GRPC_IDEMPOTENCY_KEY)[0];
    const { receivedOn, ...answer } = await this.applications.submit(await validateGrpcRequest(SubmitDisclosureApplicationDto, { ...req }), key === undefined ? undefined : String(key));
    return { ...answer, ...(receivedOn ? { receivedOn } : {}) };
  }
}
