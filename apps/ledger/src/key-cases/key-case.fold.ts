// The key-case ledger (重点舆情台账) of one case, folded from its stored case events: marked (key_case), follow-up
// entries (key_case_entry), resolutions (key_case_resolution) and their verification (key_case_verification), and the
// accountability talks (accountability_talk). Pure; the repository folds every case's history through it.
import { keyCaseStatusOf, type AccountabilityTalkRole, type KeyCaseStatus, type ResolutionDecision } from '@huiying/contracts';
import type { FoldableEvent } from '../cases/case-fold';

export interface KeyCaseEntryView {
  number: number;
  date: string;
  action: string;
  publicReaction: string;
  recordedBy: string;
  recordedAt: string;
}

export interface KeyCaseResolutionView {
  number: number;
  summary: string;
  recordedBy: string;
  recordedAt: string;
  verification: { decision: ResolutionDecision; opinion: string; verifiedBy: string; verifiedAt: string } | null;
}

export interface KeyCaseLedger {
  status: KeyCaseStatus;
  reason: string;
  markedBy: string;
  markedAt: string;
  entries: KeyCaseEntryView[];
  resolutions: KeyCaseResolutionView[];
}

export interface AccountabilityTalkView {
  date: string;
  department: string;
  personRole: AccountabilityTalkRole;
  heldBy: string;
  outcome: string;
  recordedBy: string;
  recordedAt: string;
}

export interface KeyCaseFold {
  /** null: the case was never marked as a key case. */
  keyCase: KeyCaseLedger | null;
  accountabilityTalks: AccountabilityTalkView[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const at = (d: Record<string, unknown>, key: string, e: FoldableEvent): string => {
  const v = d[key];
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : e.occurredAt.toISOString();
};

export function foldKeyCase(events: readonly FoldableEvent[]): KeyCaseFold {
  let keyCase: KeyCaseLedger | null = null;
  const talks: AccountabilityTalkView[] = [];
  for (const e of [...events].sort((a, b) => a.sequence - b.sequence)) {
    const d = e.detail ?? {};
    switch (e.change) {
      case 'key_case':
        keyCase ??= { status: 'open', reason: str(d.reason), markedBy: str(d.markedBy), markedAt: at(d, 'markedAt', e), entries: [], resolutions: [] };
        break;
      case 'key_case_entry':
        keyCase?.entries.push({
          number: keyCase.entries.length + 1, date: str(d.date), action: str(d.action), publicReaction: str(d.publicReaction),
          recordedBy: str(d.recordedBy), recordedAt: at(d, 'recordedAt', e),
        });
        break;
      case 'key_case_resolution':
        keyCase?.resolutions.push({
          number: keyCase.resolutions.length + 1, summary: str(d.summary), recordedBy: str(d.recordedBy), recordedAt: at(d, 'recordedAt', e), verification: null,
        });
        break;
      case 'key_case_verification': {
        const current = keyCase?.resolutions[keyCase.resolutions.length - 1];
        if (current && !current.verification && (d.decision === 'confirmed' || d.decision === 'returned')) {
          current.verification = { decision: d.decision, opinion: str(d.opinion), verifiedBy: str(d.verifiedBy), verifiedAt: at(d, 'verifiedAt', e) };
        }
        break;
      }
      case 'accountability_talk':
        talks.push({
          date: str(d.date), department: str(d.department), personRole: str(d.personRole) as AccountabilityTalkRole, heldBy: str(d.heldBy),
          outcome: str(d.outcome), recordedBy: str(d.recordedBy), recordedAt: at(d, 'recordedAt', e),
        });
        break;
      default:
        break;
    }
    if (keyCase) keyCase.status = keyCaseStatusOf(keyCase.resolutions);
  }
  return { keyCase, accountabilityTalks: talks };
}
