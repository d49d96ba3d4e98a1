import { Injectable } from '@nestjs/common';
import type { ReachFilter } from '@huiying/access';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseStageChangedV1 } from '@huiying/contracts';
import type { LedgerCaseEntity, LedgerCaseHistoryEntity } from '@huiying/persistence';
import { foldKeyCase } from '../key-cases/key-case.fold';
import type { BulletinNotice, NoticeCaseFacts } from './bulletin-notice';
import { changeOf, foldCaseHistory, type FoldableEvent } from './case-fold';
import { automaticReportTriggers } from '../special-reports/special-report.automatic';
import { recordAutomaticTriggers } from '../special-reports/special-report.repository';
import { replyKind } from '../hotline-status/hotline-replies';
import { syncHotlineReplies } from '../hotline-status/hotline-replies.store';
import { shanghaiMonth } from '../statistics/monthly-figures';
import { writeCaseMonthFigures } from '../statistics/monthly-figures.store';

@Injectable()
export class CaseRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Folds one stage change into the read model, idempotently: the history row is keyed by (case, sequence)
   * and the case row only moves forward (a repeated or older event changes nothing).
   */
  async applyStageChange(eventId: string, e: CaseStageChangedV1): Promise<{ applied: boolean; replies: number }> {
    return this.ds.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO ledger.case_history (case_id, sequence, event_id, stage, previous_stage, department, occurred_at, detail, change, grade)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (case_id, sequence) DO NOTHING RETURNING sequence`,
        [e.caseId, e.sequence, eventId, e.stage, e.previousStage, e.department, e.occurredAt, JSON.stringify(e.detail), changeOf(e.change, e.detail), e.grade],
      );
      await em.query(
        `INSERT INTO ledger.cases (case_id, kind, stage, department, cc_departments, grade, jurisdiction, last_sequence, created_at, updated_at, co_departments)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, COALESCE($10::text[], '{}'))
         ON CONFLICT (case_id) DO UPDATE SET
           stage = EXCLUDED.stage, department = EXCLUDED.department, cc_departments = EXCLUDED.cc_departments,
           co_departments = COALESCE($10::text[], ledger.cases.co_departments),
           grade = EXCLUDED.grade, jurisdiction = EXCLUDED.jurisdiction, last_sequence = EXCLUDED.last_sequence,
           updated_at = EXCLUDED.updated_at,
           created_at = LEAST(ledger.cases.created_at, EXCLUDED.created_at)
         WHERE ledger.cases.last_sequence < EXCLUDED.last_sequence`,
        [e.caseId, e.kind, e.stage, e.department, e.ccDepartments, e.grade, e.jurisdiction, e.sequence, e.occurredAt, e.coDepartments ?? null],
      );
      if (inserted.length) {
        await this.refold(em, e.caseId);
        await dropStatisticsSnapshotsFrom(em, e.occurredAt, e.jurisdiction);
      }
      // a response or the closure: a reply to each 12345 work order of the case, with its outbox row (idempotent)
      const replies = replyKind({ change: changeOf(e.change, e.detail), stage: e.stage }) ? await syncHotlineReplies(em, e.caseId) : 0;
      return { applied: inserted.length > 0, replies };
    });
  }

  /**
   * Cases newest first, filtered; keyset paging on (created_at, case_id). The cursor keeps created_at as Postgres
   * prints it, so no precision is lost between pages.
   */
  async listCases(
    filter: { department?: string; stage?: string; kind?: string; grade?: string; overdue?: boolean; channel?: string; from?: string; to?: string },
    limit: number,
    after?: { createdAt: string; caseId: string },
    reach: ReachFilter = { all: true },
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    // the caller's reach (属地管理): a department sees the cases it leads, co-handles or is copied on; a supervisor its jurisdiction
    if ('department' in reach) {
      params.push(reach.department);
      const d = `$${params.length}`;
      where.push(`(department = ${d} OR ${d} = ANY(co_departments) OR ${d} = ANY(cc_departments))`);
    }
    if ('jurisdiction' in reach) add('jurisdiction = ?', reach.jurisdiction);
    if (filter.department) add('department = ?', filter.department);
    if (filter.stage) add('stage = ?', filter.stage);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.grade) add('grade = ?', filter.grade);
    if (filter.overdue !== undefined) add('overdue = ?', filter.overdue);
    if (filter.channel) add('channels @> ARRAY[?::text]', filter.channel); // the GIN index serves @>
    // days in Asia/Shanghai: [from 00:00, to + 1 day 00:00)
    if (filter.from) add(`created_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.from);
    if (filter.to) add(`created_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.to);
    if (after) {
      params.push(after.createdAt, after.caseId);
      where.push(`(created_at, case_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: (CaseRow & { cursor: string })[] =
      await this.ds.query(
        `SELECT *, created_at::text AS cursor
         FROM ledger.cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, case_id DESC LIMIT $${params.length}`,
        params,
      );
    return rows;
  }

  /** The case row and its whole history; `em`: inside a caller's transaction. */
  async findCase(caseId: string, em: EntityManager = this.ds.manager): Promise<{ row: LedgerCaseEntity; case: CaseRow; history: HistoryRow[] } | null> {
    const [row] = (await em.query(`SELECT * FROM ledger.cases WHERE case_id = $1`, [caseId])) as CaseRow[];
    if (!row) return null;
    const history = await this.historyOf(em, caseId);
    return { row: toEntity(row), case: row, history };
  }

  /** The 通报 entries of a case (ledger.bulletin_notices with their bulletin), oldest first. */
  async noticesOf(caseId: string): Promise<StoredBulletinNotice[]> {
    const rows: NoticeRowDb[] = await this.ds.query(
      `SELECT n.case_id, n.bulletin_id, b.kind, b.period, b.revision, b.jurisdiction, b.title, n.clock, n.late_seconds, n.department, n.published_at
       FROM ledger.bulletin_notices n JOIN ledger.bulletins b ON b.id = n.bulletin_id
       WHERE n.case_id = $1 ORDER BY n.published_at, b.revision, n.clock`,
      [caseId],
    );
    return rows.map((r) => ({
      caseId: r.case_id, bulletinId: r.bulletin_id, kind: r.kind, period: r.period, revision: r.revision, jurisdiction: r.jurisdiction, title: r.title,
      clock: r.clock, lateSeconds: r.late_seconds === null ? null : Number(r.late_seconds), department: r.department, publishedAt: r.published_at.toISOString(),
    }));
  }

  /** What a case event carries of the case (stage, departments, grade, …) for several cases at once, as the read model has it now. */
  async caseFacts(caseIds: string[]): Promise<Map<string, NoticeCaseFacts>> {
    if (!caseIds.length) return new Map();
    const rows: Pick<CaseRow, 'case_id' | 'kind' | 'stage' | 'department' | 'cc_departments' | 'co_departments' | 'grade' | 'jurisdiction'>[] = await this.ds.query(
      `SELECT case_id, kind, stage, department, cc_departments, co_departments, grade, jurisdiction FROM ledger.cases WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    return new Map(rows.map((r) => [r.case_id, caseFactsOf(r)]));
  }

  async historyOf(em: EntityManager, caseId: string, until?: Date): Promise<HistoryRow[]> {
    const rows: HistoryRowDb[] = await em.query(
      `SELECT case_id, sequence, event_id, change, stage, previous_stage, department, grade, occurred_at, detail
       FROM ledger.case_history WHERE case_id = $1 ${until ? 'AND occurred_at < $2' : ''} ORDER BY sequence`,
      until ? [caseId, until] : [caseId],
    );
    return rows.map(toHistory);
  }

  /** Histories of several cases at once (daily log: up to a day's end; key cases: all of it), each in sequence order. */
  async historiesOf(caseIds: string[], until?: Date): Promise<Map<string, HistoryRow[]>> {
    const out = new Map<string, HistoryRow[]>(caseIds.map((id) => [id, []]));
    if (!caseIds.length) return out;
    const rows: HistoryRowDb[] = await this.ds.query(
      `SELECT case_id, sequence, event_id, change, stage, previous_stage, department, grade, occurred_at, detail
       FROM ledger.case_history WHERE case_id = ANY($1::uuid[]) ${until ? 'AND occurred_at < $2' : ''} ORDER BY case_id, sequence`,
      until ? [caseIds, until] : [caseIds],
    );
    for (const r of rows) out.get(r.case_id)?.push(toHistory(r));
    return out;
  }

  /** Recomputes the folded columns of a case from its whole stored history (order-proof, idempotent). */
  async refold(em: EntityManager, caseId: string): Promise<void> {
    const history = await this.historyOf(em, caseId);
    const f = foldCaseHistory(history);
    const k = foldKeyCase(history);
    const [updated]: [{ kind: string; jurisdiction: string | null; grade: string | null }[], number] = await em.query(
      `UPDATE ledger.cases SET channel = $2, category = $3, territory = $4, discovered_at = $5, overdue = $6, overdue_clocks = $7,
         escalation_count = $8, escalation_level = $9, reminder_count = $10, response_count = $11, late_response_count = $12,
         first_response_at = $13, report_count = $14, closed_at = $15, fold_version = $16, discovered_at_source = $17,
         pending_clock_due = $18::timestamptz[], key_case_status = $19, key_case_marked_at = $20, accountability_talks = $21,
         channels = $22::text[]
       WHERE case_id = $1 RETURNING kind, jurisdiction, grade`,
      [caseId, f.channel, f.category, f.territory, f.discoveredAt, f.overdue, f.overdueClocks, f.escalationCount, f.escalationLevel,
        f.reminderCount, f.responseCount, f.lateResponseCount, f.firstResponseAt, f.reportCount, f.closedAt, FOLD_VERSION, f.discoveredAtSource,
        f.pendingClockDue, k.keyCase?.status ?? null, k.keyCase?.markedAt ?? null, k.accountabilityTalks.length, f.channels],
    );
    const row = updated[0];
    if (!row) return;
    await writeCaseMonthFigures(em, { caseId, kind: row.kind, jurisdiction: row.jurisdiction, events: history });
    // a major case owes automatic special reports (when it became major, when it was closed): recorded with the event
    await recordAutomaticTriggers(em, caseId, automaticReportTriggers(row, history));
  }

  /** Cases folded by an older version of the fold (or before it existed), a batch at a time. */
  async casesToRefold(limit: number): Promise<string[]> {
    const rows: { case_id: string }[] = await this.ds.query(`SELECT case_id FROM ledger.cases WHERE fold_version < $1 LIMIT $2`, [FOLD_VERSION, limit]);
    return rows.map((r) => r.case_id);
  }

  async refoldCase(caseId: string): Promise<void> {
    await this.ds.transaction((em) => this.refold(em, caseId));
  }

  /** The evaluation record (总结评估); the workflow's evaluated event and the REST call both write it, the first wins. */
  async saveEvaluation(e: { caseId: string; lessons: string; handlingCapacity: string; evaluatedBy: string; evaluatedAt: string; grade: string | null; department: string | null }): Promise<void> {
    await this.ds.query(
      `INSERT INTO ledger.case_evaluations (case_id, lessons, handling_capacity, evaluated_by, evaluated_at, grade, department, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (case_id) DO NOTHING`,
      [e.caseId, e.lessons, e.handlingCapacity, e.evaluatedBy, e.evaluatedAt, e.grade, e.department],
    );
  }

  async findEvaluation(caseId: string): Promise<EvaluationRow | null> {
    const rows: EvaluationRow[] = await this.ds.query(`SELECT * FROM ledger.case_evaluations WHERE case_id = $1`, [caseId]);
    return rows[0] ?? null;
  }
}

/**
 * An event of a month that is already over (folded late: a consumer that lagged across midnight, a replay) changes that
 * month's figures and the open/overdue counts of every month after it: bump the epochs of its jurisdiction and of
 * all jurisdictions ('*') first — the row lock makes a snapshot being stored wait for this transaction, then find the
 * new epoch and not store — and drop the stored snapshots from that month on. Events of the current month (nearly all)
 * touch nothing here: no snapshot exists for a month in progress.
 */
async function dropStatisticsSnapshotsFrom(em: EntityManager, occurredAt: string, jurisdiction: string | null): Promise<void> {
  const month = shanghaiMonth(new Date(occurredAt));
  if (month >= shanghaiMonth(new Date())) return;
  const keys = jurisdiction ? [jurisdiction, '*'] : ['*'];
  await em.query(
    `INSERT INTO ledger.statistics_epochs (jurisdiction, epoch) SELECT unnest($1::text[]), 1
     ON CONFLICT (jurisdiction) DO UPDATE SET epoch = ledger.statistics_epochs.epoch + 1`,
    [keys],
  );
  await em.query(`DELETE FROM ledger.monthly_statistics_snapshots WHERE month >= $1 AND jurisdiction = ANY($2::text[])`, [month, keys]);
}

/** Bump when foldCaseHistory learns something new: cases folded before are folded again at start. */
export const FOLD_VERSION = 6; // 2: discovered_at_source; 3: pending_clock_due; 4: key_case_status, key_case_marked_at, accountability_talks; 5: case_month_figures; 6: channels

export interface CaseRow {
  case_id: string;
  kind: string;
  stage: string;
  department: string | null;
  cc_departments: string[];
  co_departments: string[];
  grade: string | null;
  jurisdiction: string | null;
  last_sequence: number;
  created_at: Date;
  updated_at: Date;
  channel: string | null;
  /** Every channel of the case's reports (migration 1764530000000; [] until refolded). */
  channels: string[];
  category: string | null;
  territory: string | null;
  discovered_at: Date | null;
  discovered_at_source: 'channel' | 'receipt' | null;
  overdue: boolean;
  overdue_clocks: string[];
  escalation_count: number;
  escalation_level: number;
  reminder_count: number;
  response_count: number;
  late_response_count: number;
  first_response_at: Date | null;
  report_count: number;
  closed_at: Date | null;
  key_case_status: 'open' | 'resolution_recorded' | 'resolved' | null;
  key_case_marked_at: Date | null;
  accountability_talks: number;
}

export interface EvaluationRow {
  case_id: string;
  lessons: string;
  handling_capacity: string;
  evaluated_by: string;
  evaluated_at: Date;
  grade: string | null;
  department: string | null;
}

/** A 通报 entry as GET /v1/cases/:id shows it: the notice and its bulletin's kind, period, revision, jurisdiction, title. */
export interface StoredBulletinNotice extends BulletinNotice {
  title: string;
}

interface NoticeRowDb {
  case_id: string;
  bulletin_id: string;
  kind: 'monthly' | 'quarterly';
  period: string;
  revision: number;
  jurisdiction: string;
  title: string;
  clock: string;
  late_seconds: string | number | null; // bigint: node-postgres returns it as a string
  department: string | null;
  published_at: Date;
}

export function caseFactsOf(r: Pick<CaseRow, 'case_id' | 'kind' | 'stage' | 'department' | 'cc_departments' | 'co_departments' | 'grade' | 'jurisdiction'>): NoticeCaseFacts {
  return {
    caseId: r.case_id, kind: r.kind, stage: r.stage, department: r.department, ccDepartments: r.cc_departments ?? [], coDepartments: r.co_departments ?? [],
    grade: r.grade, jurisdiction: r.jurisdiction,
  };
}

interface HistoryRowDb {
  case_id: string;
  sequence: number;
  event_id: string;
  change: string;
  stage: string;
  previous_stage: string | null;
  department: string | null;
  grade: string | null;
  occurred_at: Date;
  detail: Record<string, unknown>;
}

export interface HistoryRow extends LedgerCaseHistoryEntity, FoldableEvent {
  change: string;
  grade: string | null;
}

function toHistory(r: HistoryRowDb): HistoryRow {
  return {
    caseId: r.case_id, sequence: r.sequence, eventId: r.event_id, change: r.change, stage: r.stage, previousStage: r.previous_stage,
    department: r.department, grade: r.grade, occurredAt: r.occurred_at, detail: r.detail,
  };
}

function toEntity(r: CaseRow): LedgerCaseEntity {
  return {
    caseId: r.case_id, kind: r.kind, stage: r.stage, department: r.department, ccDepartments: r.cc_departments, coDepartments: r.co_departments ?? [], grade: r.grade,
    jurisdiction: r.jurisdiction, lastSequence: r.last_sequence, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
