import { Injectable } from '@nestjs/common';
import { reachFilter, type Caller } from '@huiying/access';
import type { KeyCaseDto, KeyCaseListDto, KeyCaseListQueryDto } from '@huiying/contracts';
import { CaseRepository, type CaseRow } from '../cases/case.repository';
import { keyCasesCsv } from './key-case.csv';
import { foldKeyCase, type KeyCaseFold } from './key-case.fold';
import { KeyCaseRepository } from './key-case.repository';

/** The key-case ledger (重点舆情台账): key cases within the caller's reach with their entries, from the read model. */
@Injectable()
export class KeyCaseService {
  constructor(
    private readonly keyCases: KeyCaseRepository,
    private readonly cases: CaseRepository,
  ) {}

  async list(q: KeyCaseListQueryDto, caller: Caller): Promise<KeyCaseListDto> {
    const rows = await this.keyCases.list({ status: q.status, department: q.department }, reachFilter(caller));
    const histories = await this.cases.historiesOf(rows.map((r) => r.case_id));
    const keyCases = rows.flatMap((r) => {
      const fold = foldKeyCase(histories.get(r.case_id) ?? []);
      return fold.keyCase ? [keyCaseView(r, fold)] : [];
    });
    return { keyCases, count: keyCases.length };
  }

  async csv(q: KeyCaseListQueryDto, caller: Caller): Promise<string> {
    return keyCasesCsv((await this.list(q, caller)).keyCases);
  }
}

export function keyCaseView(r: CaseRow, fold: KeyCaseFold): KeyCaseDto {
  if (!fold.keyCase) throw new Error(`case ${r.case_id} is not a key case`);
  return {
    caseId: r.case_id, stage: r.stage, department: r.department, jurisdiction: r.jurisdiction, category: r.category, territory: r.territory,
    grade: r.grade, overdue: r.overdue, escalationLevel: r.escalation_level, closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    keyCase: fold.keyCase, accountabilityTalks: fold.accountabilityTalks,
  };
}
