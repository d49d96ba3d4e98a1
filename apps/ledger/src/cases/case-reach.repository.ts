import type { DataSource } from 'typeorm';
import type { CaseFacts } from '@huiying/access';

/** Reach facts of a case from the ledger's read model (ledger.cases). */
export class CaseReachRepository {
  constructor(private readonly ds: DataSource) {}

  async facts(caseId: string): Promise<CaseFacts | null> {
    const rows: { department: string | null; co_departments: string[]; cc_departments: string[]; jurisdiction: string | null }[] = await this.ds.query(
      `SELECT department, co_departments, cc_departments, jurisdiction FROM ledger.cases WHERE case_id = $1`,
      [caseId],
    );
    const r = rows[0];
    return r ? { department: r.department, coDepartments: r.co_departments, ccDepartments: r.cc_departments, jurisdiction: r.jurisdiction } : null;
  }
}
