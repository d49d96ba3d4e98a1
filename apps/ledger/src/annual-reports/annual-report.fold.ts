import type { CaseStageChangedV1 } from '@huiying/contracts';
import type { DisclosureFold } from './annual-report.repository';

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * What a disclosure case event means for the annual report (pure): the receipt (date, applicant column), the decision's
 * result code, and the close — reply issued on its issue date, or abandoned (其他处理) on the day it happened
 * (Asia/Shanghai). Returns null for events of other case kinds.
 */
export function foldOf(eventId: string, e: CaseStageChangedV1): DisclosureFold | null {
  if (e.kind !== 'disclosure') return null;
  const d = e.detail ?? {};
  const entered = !e.change || e.change === 'stage';
  const f: DisclosureFold = {
    caseId: e.caseId,
    eventId,
    applicationId: null,
    department: e.department,
    jurisdiction: e.jurisdiction,
    receivedOn: null,
    applicantType: null,
    organisationType: null,
    resultCode: null,
    closedOn: null,
    closedStage: null,
    reopened: false,
  };
  if (e.stage === 'received' && entered) {
    f.applicationId = str(d.applicationId);
    f.receivedOn = isDate(d.receivedOn) ? d.receivedOn : null;
    f.applicantType = str(d.applicantType);
    f.organisationType = str(d.organisationType);
  }
  if (e.stage === 'decided' && entered) f.resultCode = str(d.resultCode);
  // a late correction accepted for a good reason reopens an application deemed withdrawn (条例第三十条)
  if (e.stage === 'corrected' && entered && d.reopened === true) f.reopened = true;
  if (e.stage === 'reply_issued' && entered) {
    f.resultCode = str(d.resultCode);
    f.closedOn = isDate(d.issuedOn) ? d.issuedOn : shanghaiDay.format(new Date(e.occurredAt));
    f.closedStage = 'reply_issued';
  }
  if (e.stage === 'abandoned' && entered) {
    f.resultCode = str(d.resultCode);
    f.closedOn = shanghaiDay.format(new Date(e.occurredAt));
    f.closedStage = 'abandoned';
  }
  return f;
}
