import { RequireScope, requireCaller } from '@huiying/access';
import { GrpcMethod } from '@nestjs/microservices';
import { map, type Observable } from 'rxjs';
import {
  GRPC_SERVICES,
  ListCasesQueryDto,
  type CaseSummaryDto,
  type CaseViewDto,
  type GrpcCase,
  type GrpcCaseEvent,
  type GrpcGetCaseRequest,
  type GrpcListCasesRequest,
  type GrpcListCasesResponse,
  type GrpcWatchCaseEventsRequest,
} from '@huiying/contracts';
import { GrpcController, validateGrpcRequest } from '@huiying/platform';
import { CaseService } from './case.service';
import { GetCaseRequestDto, WatchCaseEventsRequestDto } from './case-grpc.dto';

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A case view keeps the discovery under `supervision`, a list summary at the top. */
function discovery(c: CaseViewDto | CaseSummaryDto): { discoveredAt?: string | null; discoveredAtSource?: string | null } {
  return 'history' in c ? (c.supervision ?? {}) : c;
}

function toGrpcCase(c: CaseViewDto | CaseSummaryDto): GrpcCase {
  return {
    caseId: c.caseId,
    kind: c.kind,
    stage: c.stage,
    department: opt(c.department),
    ccDepartments: c.ccDepartments,
    coDepartments: c.coDepartments,
    grade: opt(c.grade),
    jurisdiction: opt(c.jurisdiction),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    discoveredAt: opt(discovery(c).discoveredAt),
    discoveredAtSource: opt(discovery(c).discoveredAtSource),
    channels: ('history' in c ? c.supervision?.channels : c.channels) ?? [],
    history:
      'history' in c
        ? c.history.map(({ detail, ...h }) => ({ ...h, previousStage: opt(h.previousStage), department: opt(h.department), detailJson: JSON.stringify(detail) }))
        : [],
    notices: 'notices' in c ? c.notices.map((n) => ({ ...n, lateSeconds: opt(n.lateSeconds), department: opt(n.department) })) : [],
  };
}

/** huiying.v1.CaseService on the ledger's gRPC port: the same reads as GET /v1/cases and /v1/cases/:id. */
@GrpcController()
export class CaseGrpcController {
  constructor(private readonly cases: CaseService) {}

  @RequireScope('read')
  @GrpcMethod(GRPC_SERVICES.case, 'GetCase')
  async getCase(req: GrpcGetCaseRequest): Promise<GrpcCase> {
    return toGrpcCase(await this.cases.getCase((await validateGrpcRequest(GetCaseRequestDto, { ...req })).caseId));
  }

  @RequireScope('read', { caseParam: false })
  @GrpcMethod(GRPC_SERVICES.case, 'ListCases')
  async listCases(req: GrpcListCasesRequest): Promise<GrpcListCasesResponse> {
    // proto3: an empty page_token and a zero page_size mean "not given"
    const query = { ...req, pageToken: req.pageToken || undefined, pageSize: req.pageSize || undefined, channel: req.channel || undefined };
    const page = await this.cases.listCases(await validateGrpcRequest(ListCasesQueryDto, query), requireCaller(req));
    return { cases: page.cases.map(toGrpcCase), nextPageToken: page.nextPageToken ?? '' };
  }

  @RequireScope('read')
  @GrpcMethod(GRPC_SERVICES.case, 'WatchCaseEvents')
  async watchCaseEvents(req: GrpcWatchCaseEventsRequest): Promise<Observable<GrpcCaseEvent>> {
    const target = await validateGrpcRequest(WatchCaseEventsRequestDto, { ...req, afterSequence: req.afterSequence || undefined });
    return this.cases.watch(target, requireCaller(req)).pipe(
      map(({ id, data: e }) => ({
        eventId: id,
        caseId: e.caseId,
        kind: e.kind,
        sequence: e.sequence,
        stage: e.stage,
        previousStage: opt(e.previousStage),
        department: opt(e.department),
        ccDepartments: e.ccDepartments,
        grade: opt(e.grade),
        jurisdiction: opt(e.jurisdiction),
        occurredAt: e.occurredAt,
        change: e.change,
        detailJson: JSON.stringify(e.detail),
      })),
    );
  }
}
