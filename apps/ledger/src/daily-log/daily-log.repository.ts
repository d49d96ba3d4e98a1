import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseHistoryForLog } from './daily-log.aggregate';

/** Reads ledger.cases / ledger.case_history for the daily log. */
@Injectable()
export class DailyLogRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Opinion cases that belong in the log of [from, to): discovered or acted on that day, or carrying an escalation
   * from before and not closed by the end of the day (overdue cases stay on the log until resolved). Their histories
   * up to the end of the day.
   */
  async casesForDay(from: Date, to: Date): Promise<CaseHistoryForLog[]> {
    const ids: { case_id: string }[] = await this.ds.query(
      `SELECT c.case_id FROM ledger.cases c
       WHERE c.kind = 'opinion' AND (
         COALESCE(c.discovered_at, c.created_at) >= $1 AND COALESCE(c.discovered_at, c.created_at) < $2
         OR EXISTS (SELECT 1 FROM ledger.case_history h WHERE h.case_id = c.case_id AND h.occurred_at >= $1 AND h.occurred_at < $2)
         OR (EXISTS (SELECT 1 FROM ledger.case_history h WHERE h.case_id = c.case_id AND h.change = 'escalation' AND h.occurred_at < $2)
             AND (c.closed_at IS NULL OR c.closed_at >= $2)))`,
      [from, to],
    );
    if (!ids.length) return [];
    const rows: { case_id: string; sequence: number; change: string; stage: string; grade: string | null; department: string | null; occurred_at: Date; detail: Record<string, unknown> }[] =
      await this.ds.query(
        `SELECT case_id, sequence, change, stage, grade, department, occurred_at, detail FROM ledger.case_history
         WHERE case_id = ANY($1::uuid[]) AND occurred_at < $2 ORDER BY case_id, sequence`,
        [ids.map((r) => r.case_id), to],
      );
    const byCase = new Map<string, CaseHistoryForLog>(ids.map((r) => [r.case_id, { caseId: r.case_id, events: [] }]));
    for (const r of rows) {
      byCase.get(r.case_id)?.events.push({
        sequence: r.sequence, change: r.change, stage: r.stage, grade: r.grade, department: r.department, occurredAt: r.occurred_at, detail: r.detail,
      });
    }
    return [...byCase.values()];
  }
}
