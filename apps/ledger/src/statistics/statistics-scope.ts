import { ALL_JURISDICTIONS, AccessException, AccessExceptionCode, type Caller } from '@huiying/access';
import type { StatisticsScope } from './monthly-statistics.fold';

/**
 * Whose figures a caller may read (属地管理, as for GET /v1/cases): a department its own — another department's is refused
 * (403), none named means its own; a supervisor or system its jurisdiction — another one is refused, none named means
 * its own, or every jurisdiction for a caller reaching all ('*'); it may narrow to any department.
 */
export function statisticsScope(caller: Pick<Caller, 'kind' | 'department' | 'jurisdiction' | 'systemId'>, q: { jurisdiction?: string; department?: string }): StatisticsScope {
  if (caller.kind === 'department') {
    if (q.department !== undefined && q.department !== caller.department) {
      throw new AccessException(AccessExceptionCode.OutOfReach, `system ${caller.systemId} may read only the statistics of department ${caller.department}`);
    }
    return { jurisdiction: q.jurisdiction ?? null, department: caller.department ?? '' };
  }
  if (caller.jurisdiction !== ALL_JURISDICTIONS && q.jurisdiction !== undefined && q.jurisdiction !== caller.jurisdiction) {
    throw new AccessException(AccessExceptionCode.OutOfReach, `system ${caller.systemId} may read only the statistics of jurisdiction ${caller.jurisdiction}`);
  }
  return {
    jurisdiction: q.jurisdiction ?? (caller.jurisdiction === ALL_JURISDICTIONS ? null : caller.jurisdiction),
    department: q.department ?? null,
  };
}
