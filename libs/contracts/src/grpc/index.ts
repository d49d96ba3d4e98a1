import path from 'node:path';

/**
 * The gRPC contract (package huiying.v1): .proto files under libs/contracts/proto, shared by the servers (intake,
 * ledger) and by clients. Field names are snake_case in the .proto and camelCase in JS (proto-loader keepCase: false).
 */
export const PROTO_DIR = path.resolve(__dirname, '..', '..', 'proto');
export const GRPC_PACKAGE = 'huiying.v1';
export const PROTO_FILES = {
  intake: 'huiying/v1/intake.proto',
  case: 'huiying/v1/case.proto',
} as const;
export const GRPC_SERVICES = {
  intake: 'IntakeService',
  case: 'CaseService',
} as const;

/** Absolute paths of .proto files, e.g. protoPath(PROTO_FILES.case). */
export function protoPath(file: string): string {
  return path.join(PROTO_DIR, file);
}

/** proto-loader options used by servers and clients alike. */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
  includeDirs: [PROTO_DIR],
};

export interface GrpcLocation {
  district?: string;
  township?: string;
  address?: string;
}

export interface GrpcSubmitReportRequest {
  channel?: string;
  title?: string;
  content?: string;
  occurredAt?: string;
  discoveredAt?: string;
  location?: GrpcLocation;
  category?: string;
  jurisdiction?: string;
  reporter?: { name?: string; phone?: string; email?: string };
  sourceRef?: string;
}

export interface GrpcSubmitReportResponse {
  caseId: string;
  reportId: string;
  duplicate: boolean;
}

/** SubmitDisclosureApplicationRequest in JS (camelCase): the fields of SubmitDisclosureApplicationDto. */
export interface GrpcSubmitDisclosureApplicationRequest {
  channel?: string;
  receipt?: { handedInOn?: string; signedForOn?: string; receivedOn?: string; confirmedOn?: string; reference?: string; confirmedVia?: string; confirmedBy?: string };
  applicant?: {
    type?: string;
    organisationType?: string;
    name?: string;
    idDocument?: { type?: string; number?: string };
    contact?: { phone?: string; email?: string; address?: string };
  };
  informationDescription?: string;
  purpose?: string;
  deliveryForm?: string;
  filedAs?: string;
  answeredOnTheSpot?: { replyType?: string; resultCode?: string; answeredBy?: string; reply?: string };
  clientRef?: string;
}

export interface GrpcSubmitDisclosureApplicationResponse {
  applicationId: string;
  caseId: string;
  /** Absent while receipt awaits confirmation. */
  receivedOn?: string;
  receiptStatus: string;
  duplicate: boolean;
  notADisclosureApplication?: { message: string; filedAs: string; rightChannel: string };
}

/** Request metadata key that carries the idempotency key on gRPC (the REST Idempotency-Key header); client_ref wins. */
export const GRPC_IDEMPOTENCY_KEY = 'idempotency-key';

export interface GrpcCaseHistoryItem {
  sequence: number;
  stage: string;
  previousStage?: string;
  department?: string;
  occurredAt: string;
  detailJson: string;
}

export interface GrpcBulletinNotice {
  bulletinId: string;
  kind: string;
  period: string;
  revision: number;
  jurisdiction: string;
  title: string;
  clock: string;
  /** int64: a string in JS (proto-loader longs: String). */
  lateSeconds?: string | number;
  department?: string;
  publishedAt: string;
}

export interface GrpcCase {
  caseId: string;
  kind: string;
  stage: string;
  department?: string;
  ccDepartments: string[];
  coDepartments: string[];
  grade?: string;
  jurisdiction?: string;
  createdAt: string;
  updatedAt: string;
  history: GrpcCaseHistoryItem[];
  discoveredAt?: string;
  /** channel | receipt */
  discoveredAtSource?: string;
  /** Every channel the case's reports came through (first-heard order). */
  channels: string[];
  /** Filled by GetCase only. */
  notices?: GrpcBulletinNotice[];
}

export interface GrpcGetCaseRequest {
  caseId?: string;
}

export interface GrpcListCasesRequest {
  department?: string;
  stage?: string;
  kind?: string;
  pageSize?: number;
  pageToken?: string;
  channel?: string;
}

export interface GrpcListCasesResponse {
  cases: GrpcCase[];
  nextPageToken: string;
}

export interface GrpcWatchCaseEventsRequest {
  caseId?: string;
  department?: string;
  afterSequence?: number;
}

export interface GrpcCaseEvent {
  eventId: string;
  caseId: string;
  kind: string;
  sequence: number;
  stage: string;
  previousStage?: string;
  department?: string;
  ccDepartments: string[];
  grade?: string;
  jurisdiction?: string;
  occurredAt: string;
  change?: string;
  detailJson: string;
}
