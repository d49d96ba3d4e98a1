import { callerOf, RequireScope } from '@huiying/access';
import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_SERVICES, SubmitReportDto, type GrpcSubmitReportRequest, type GrpcSubmitReportResponse } from '@huiying/contracts';
import { GrpcController, validateGrpcRequest } from '@huiying/platform';
import { ReportService } from './report.service';

/** huiying.v1.IntakeService: the same validation (SubmitReportDto) and semantics as POST /v1/reports. */
@GrpcController()
export class ReportGrpcController {
  constructor(private readonly reports: ReportService) {}

  @RequireScope('submit')
  @GrpcMethod(GRPC_SERVICES.intake, 'SubmitReport')
  async submitReport(req: GrpcSubmitReportRequest): Promise<GrpcSubmitReportResponse> {
    return this.reports.submit(await validateGrpcRequest(SubmitReportDto, { ...req }), callerOf(req));
  }
}
