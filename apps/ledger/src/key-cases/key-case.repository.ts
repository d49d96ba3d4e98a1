import { Injectable } from '@nestjs/common';
import type { ReachFilter } from '@huiying/access';
import type { KeyCaseStatus } from '@huiying/contracts';
import { DataSource } from 'typeorm';
import type { CaseRow } from '../cases/case.repository';

/** Key cases in the read model (ledger.cases with a key_case_status), within the caller's reach. */
@Injectable()
export class KeyCaseRepository {
  constructor(private readonly ds: DataSource) {}

  /** Most recently marked first. Reach as GET /v1/cases: a department its led, co-handled or copied cases; a supervisor its jurisdiction. */
  async list(filter: { status?: KeyCaseStatus; department?: string }, reach: ReachFilter): Promise<CaseRow[]> {
    const where = ['key_case_status IS NOT NULL'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if ('department' in reach) add('(department = ? OR ? = ANY(co_departments) OR ? = ANY(cc_departments))', reach.department);
    if ('jurisdiction' in reach) add('jurisdiction = ?', reach.jurisdiction);
    if (filter.status) add('key_case_status = ?', filter.status);
    if (filter.department) add('department = ?', filter.department);
    return this.ds.query(`SELECT * FROM ledger.cases WHERE ${where.join(' AND ')} ORDER BY key_case_marked_at DESC, case_id DESC`, params);
  }
}
