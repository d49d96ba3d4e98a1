import { ACCESS_SCOPES, CALLER_KINDS } from '@huiying/contracts';

/** What a calling system may do. `admin` implies the others. */
export const SCOPES = ACCESS_SCOPES;
export type Scope = (typeof SCOPES)[number];

/**
 * Who calls: another government system, a department's own client, or a supervising office.
 * - department: reads and acts only on the cases it leads or co-handles (属地管理, 谁主管谁负责); reads cases it is copied on (抄送)
 * - supervisor / system: every case whose jurisdiction it covers (`*` = all)
 */
export const SYSTEM_KINDS = CALLER_KINDS;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** Reach '*' covers every jurisdiction. */
export const ALL_JURISDICTIONS = '*';
/**
 * No jurisdiction: a supervisor or system created without one reaches no case (it may still submit). Reach is granted
 * explicitly — a jurisdiction code, or '*' for all — never by leaving the field out.
 */
export const NO_JURISDICTION = '';

/** The authenticated caller of one request. */
export interface Caller {
  systemId: string;
  keyId: string;
  kind: SystemKind;
  /** The department code (kind department). */
  department: string | null;
  /** The case jurisdiction reached ('*' = all). */
  jurisdiction: string;
  scopes: Scope[];
  rateLimitPerMinute: number;
}

/** What reach is decided on: the case's lead, co-handling and copied departments and its jurisdiction. */
export interface CaseFacts {
  department: string | null;
  coDepartments: string[];
  ccDepartments: string[];
  jurisdiction: string | null;
}

export type ReachMode = 'read' | 'act';

export type AuditOutcome = 'ok' | 'rejected' | 'denied' | 'error';
/** How a call reached a service. */
export type CallTransport = 'rest' | 'grpc';
/** Where an audited change came from: a service call, or the access CLI (which writes Postgres directly). */
export type AuditTransport = CallTransport | 'cli';

/** One audit row as written (no bodies, no personal data). */
export interface AuditEntry {
  service: string;
  transport: AuditTransport;
  systemId: string | null;
  keyId: string | null;
  method: string;
  action: string;
  target: string | null;
  status: string;
  outcome: AuditOutcome;
  requestId: string | null;
  remoteAddress: string | null;
  detail: Record<string, unknown>;
}
