import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENDED_STAGES } from '../cases/case-fold';

export interface CaseFigures {
  /** Open cases (not in an ended stage) by kind and stage. */
  open: { kind: string; stage: string; count: number }[];
  /** Clocks of open cases due within the next hour (not yet past), by kind and lead department. */
  dueNextHour: { kind: string; department: string | null; count: number }[];
  /** Overdue open cases (督办) by lead department. */
  overdue: { department: string | null; count: number }[];
}

/** The ledger's read model, counted for /metrics: three grouped counts on ledger.cases. */
@Injectable()
export class CaseMetricsRepository {
  constructor(private readonly ds: DataSource) {}

  async figures(now: Date): Promise<CaseFigures> {
    const ended = [...ENDED_STAGES];
    const [open, due, overdue] = await Promise.all([
      this.ds.query(`SELECT kind, stage, count(*)::int AS count FROM ledger.cases WHERE stage <> ALL($1::text[]) GROUP BY kind, stage`, [ended]),
      this.ds.query(
        `SELECT c.kind, c.department, count(*)::int AS count
           FROM ledger.cases c, unnest(c.pending_clock_due) AS d(due_at)
          WHERE c.stage <> ALL($1::text[]) AND cardinality(c.pending_clock_due) > 0
            AND d.due_at >= $2 AND d.due_at < $2::timestamptz + interval '1 hour'
          GROUP BY c.kind, c.department`,
        [ended, now],
      ),
      // the partial index cases_overdue_idx holds exactly the overdue rows
      this.ds.query(`SELECT department, count(*)::int AS count FROM ledger.cases WHERE overdue AND stage <> ALL($1::text[]) GROUP BY department`, [ended]),
    ]);
    return { open, dueNextHour: due, overdue };
  }
}
