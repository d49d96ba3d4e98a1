import { ALL_JURISDICTIONS, NO_JURISDICTION, type Caller, type CaseFacts, type ReachMode } from './access.types';

/**
 * Reach (属地管理, 谁主管谁负责):
 * - a department reads and acts on the cases it leads (主办) or co-handles (协办); it reads, but does not act on, the cases
 *   it is copied on (抄送) — a copy informs, it does not hand over responsibility;
 * - a supervisor or a system reads and acts on every case of the jurisdiction it covers ('*' = all; none when it was
 *   created without one: NO_JURISDICTION).
 */
export function canReach(caller: Pick<Caller, 'kind' | 'department' | 'jurisdiction'>, c: CaseFacts, mode: ReachMode): boolean {
  if (caller.kind === 'department') {
    const d = caller.department;
    if (!d) return false;
    if (c.department === d || c.coDepartments.includes(d)) return true;
    return mode === 'read' && c.ccDepartments.includes(d);
  }
  if (caller.jurisdiction === NO_JURISDICTION) return false;
  return caller.jurisdiction === ALL_JURISDICTIONS || (c.jurisdiction !== null && c.jurisdiction === caller.jurisdiction);
}

/** Whether the caller reaches every case (no lookup needed). */
export function reachesEverything(caller: Pick<Caller, 'kind' | 'jurisdiction'>): boolean {
  return caller.kind !== 'department' && caller.jurisdiction === ALL_JURISDICTIONS;
}

/** The filter a list of cases is read with: nothing, a department (lead, co-handler or copy) or a jurisdiction. */
export type ReachFilter = { all: true } | { department: string } | { jurisdiction: string };

export function reachFilter(caller: Pick<Caller, 'kind' | 'department' | 'jurisdiction'>): ReachFilter {
  if (caller.kind === 'department') return { department: caller.department ?? '' };
  return caller.jurisdiction === ALL_JURISDICTIONS ? { all: true } : { jurisdiction: caller.jurisdiction };
}
