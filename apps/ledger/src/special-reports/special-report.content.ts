// The content of a special report (舆情专报) on one opinion case, built from the ledger's case record and history —
// never from Temporal. Pure. Only named fields of each event are read (never a whole detail), and every free text
// passes maskText, so personal data (reporter names, phone and ID numbers) cannot reach the report: events carry none,
// and a phone or ID number typed into a finding is masked.
import { maskText } from '@huiying/platform';
import type { FoldableEvent } from '../cases/case-fold';
import { shanghaiMinute } from '../key-cases/key-case.csv';
import { foldKeyCase, type AccountabilityTalkView, type KeyCaseLedger } from '../key-cases/key-case.fold';
import { foldReportClocks, type ReportClock } from './special-report.clocks';
import {
  CHANGE_LABELS, CHANNEL_LABELS, GRADE_LABELS, KEY_CASE_LABELS, label, RESPONSE_FORM_LABELS, RISK_LABELS, STAGE_LABELS, VERIFICATION_LABELS,
} from './special-report.labels';

/** What the builder reads of the ledger's case row. */
export interface ReportCase {
  caseId: string;
  kind: string;
  stage: string;
  department: string | null;
  ccDepartments: string[];
  coDepartments: string[];
  grade: string | null;
  jurisdiction: string | null;
  channel: string | null;
  category: string | null;
  territory: string | null;
  discoveredAt: Date | null;
  createdAt: Date;
  reportCount: number;
  overdue: boolean;
  overdueClocks: string[];
  escalationLevel: number;
  closedAt: Date | null;
}

export interface TimelineEntry {
  sequence: number;
  at: string;
  stage: string;
  what: string;
  who: string;
  summary: string;
}

export interface SpecialReportContent {
  caseId: string;
  version: number;
  generatedAt: string;
  /** The last case event the report was built from. */
  lastSequence: number;
  title: string;
  facts: [string, string][];
  timeline: TimelineEntry[];
  clocks: ReportClock[];
  responses: { at: string; form: string; channel: string; late: boolean }[];
  grades: { at: string; grade: string; previousGrade: string; source: string; riskLevel: string; reason: string }[];
  keyCase: KeyCaseLedger | null;
  accountabilityTalks: AccountabilityTalkView[];
  risk: [string, string][];
}

const str = (v: unknown): string => (typeof v === 'string' ? maskText(v) : '');
const when = (d: Date | string | null | undefined): string => shanghaiMinute(d instanceof Date ? d.toISOString() : d);
const WHO_FIELDS = ['claimedBy', 'transferredBy', 'assignedBy', 'reportedBy', 'convenedBy', 'approvedBy', 'verifiedBy', 'updatedBy', 'closedBy', 'evaluatedBy', 'requestedBy', 'markedBy', 'recordedBy'];
const SOURCE_LABELS: Record<string, string> = { automatic: '自动研判', analyst: '研判人员', grouping: '报告并入' };

function who(e: FoldableEvent): string {
  const d = e.detail ?? {};
  for (const f of WHO_FIELDS) if (typeof d[f] === 'string' && d[f]) return str(d[f]);
  if (e.change === 'assessment' || (e.change === 'stage' && e.stage === 'assessed')) return label(SOURCE_LABELS, str(d.source));
  if (e.change === 'response' || (e.change === 'stage' && e.stage === 'responded')) return e.department ?? '—';
  return '系统';
}

/** One line on what the event says, from its named fields. */
function summary(e: FoldableEvent): string {
  const d = e.detail ?? {};
  const kind = e.change === 'stage' ? `stage:${e.stage}` : e.change;
  switch (kind) {
    case 'stage:collected': return `来源渠道：${label(CHANNEL_LABELS, str(d.channel))}`;
    case 'stage:routed':
      return str(d.type) === 'transfer' ? `由 ${str(d.fromDepartment)} 转办至 ${str(d.toDepartment)}：${str(d.reason)}` : `主办单位：${str(d.leadDepartment)}；属地：${str(d.territory) || '—'}`;
    case 'transfer': return `由 ${str(d.fromDepartment)} 转办至 ${str(d.toDepartment)}：${str(d.reason)}`;
    case 'stage:claimed': case 'claim': return `${str(d.department)} 认领${d.late === true ? '（超时）' : ''}`;
    case 'stage:assessed': case 'assessment':
      return `等级：${label(GRADE_LABELS, str(d.grade))}；风险：${label(RISK_LABELS, str(d.riskLevel))}；${d.needsResponse === false ? '无需回应' : '需要回应'}${str(d.reason) ? `；理由：${str(d.reason)}` : ''}`;
    case 'stage:consultation': return `会商意见：${str(d.opinion)}`;
    case 'stage:approved': case 'approval': return `${d.decision === 'approved' ? '同意' : '退回'}：${str(d.opinion)}`;
    case 'stage:handling': return `核查结论：${label(VERIFICATION_LABELS, str(d.result))}；${str(d.findings)}`;
    case 'stage:responded': case 'response':
      return `${label(RESPONSE_FORM_LABELS, str(d.form))}（${label(CHANNEL_LABELS, str(d.channel))}）${d.late === true ? '，超时' : ''}`;
    case 'stage:follow_up': case 'follow_up': return str(d.summary);
    case 'stage:closed': return `办结：${str(d.resolution)}`;
    case 'stage:evaluated': return `总结评估：${str(d.lessons)}`;
    case 'superior_report': return `向 ${str(d.reportedTo)} 报告：${str(d.summary)}`;
    case 'press_conference_requested': return str(d.reason);
    case 'co_handling': return str(d.summary) || '协办单位调整';
    case 'report_grouped': return `报告数：${typeof d.groupSize === 'number' ? d.groupSize : '—'}`;
    case 'reminder': return `${str(d.label)}，到期 ${when(str(d.dueAt))}`;
    case 'escalation': return `第 ${typeof d.level === 'number' ? d.level : 1} 级督办：${str(d.note)}，到期 ${when(str(d.dueAt))}`;
    case 'key_case': return `列入理由：${str(d.reason)}`;
    case 'key_case_entry': return `${str(d.date)}：${str(d.action)}；舆论反应：${str(d.publicReaction)}`;
    case 'key_case_resolution': return str(d.summary);
    case 'key_case_verification': return `${d.decision === 'confirmed' ? '确认完全解决' : '退回'}：${str(d.opinion)}`;
    case 'accountability_talk': return `${str(d.date)} 约谈 ${str(d.department)}：${str(d.outcome)}`;
    default: return '';
  }
}

/** Masks the free text of the key-case ledger (entries, resolutions, talks) like every other text of the report. */
function maskedKeyCase(k: KeyCaseLedger | null): KeyCaseLedger | null {
  if (!k) return null;
  return {
    ...k, reason: maskText(k.reason), markedBy: maskText(k.markedBy),
    entries: k.entries.map((e) => ({ ...e, action: maskText(e.action), publicReaction: maskText(e.publicReaction), recordedBy: maskText(e.recordedBy) })),
    resolutions: k.resolutions.map((r) => ({
      ...r, summary: maskText(r.summary), recordedBy: maskText(r.recordedBy),
      verification: r.verification ? { ...r.verification, opinion: maskText(r.verification.opinion), verifiedBy: maskText(r.verification.verifiedBy) } : null,
    })),
  };
}

export function buildSpecialReport(c: ReportCase, history: readonly FoldableEvent[], version: number, generatedAt: Date): SpecialReportContent {
  const events = [...history].sort((a, b) => a.sequence - b.sequence);
  const change = (e: FoldableEvent, stage: string, other: string) => (e.change === 'stage' && e.stage === stage) || e.change === other;
  const verification = [...events].reverse().find((e) => e.change === 'stage' && e.stage === 'handling');
  const assessments = events.filter((e) => change(e, 'assessed', 'assessment'));
  const { keyCase, accountabilityTalks } = foldKeyCase(events);
  const talks = accountabilityTalks.map((t) => ({ ...t, heldBy: maskText(t.heldBy), outcome: maskText(t.outcome), recordedBy: maskText(t.recordedBy) }));
  const riskLevel = str([...assessments].reverse().find((e) => typeof e.detail.riskLevel === 'string')?.detail.riskLevel);

  const grades: SpecialReportContent['grades'] = [];
  const initial = events.find((e) => e.change === 'stage' && e.stage === 'routed' && typeof e.detail.grade === 'string');
  if (initial) grades.push({ at: when(initial.occurredAt), grade: label(GRADE_LABELS, str(initial.detail.grade)), previousGrade: '—', source: '收案时', riskLevel: '—', reason: '' });
  for (const e of events) {
    const d = e.detail;
    if (change(e, 'assessed', 'assessment')) {
      grades.push({
        at: when(e.occurredAt), grade: label(GRADE_LABELS, str(d.grade)), previousGrade: label(GRADE_LABELS, str(d.previousGrade)),
        source: label(SOURCE_LABELS, str(d.source)), riskLevel: label(RISK_LABELS, str(d.riskLevel)), reason: str(d.reason),
      });
    } else if (e.change === 'report_grouped' && d.raised && typeof d.raised === 'object') {
      const r = d.raised as Record<string, unknown>;
      grades.push({ at: when(e.occurredAt), grade: label(GRADE_LABELS, str(r.to)), previousGrade: label(GRADE_LABELS, str(r.from)), source: '报告并入', riskLevel: '—', reason: `报告数 ${String(d.groupSize ?? '')}` });
    }
  }

  return {
    caseId: c.caseId,
    version,
    generatedAt: generatedAt.toISOString(),
    lastSequence: events.length ? events[events.length - 1]!.sequence : 0,
    title: '舆情专报',
    facts: [
      ['案件编号', c.caseId],
      ['来源渠道', label(CHANNEL_LABELS, c.channel)],
      ['类别', c.category ?? '—'],
      ['属地', c.territory ?? '—'],
      ['辖区', c.jurisdiction ?? '—'],
      ['主办单位', c.department ?? '—'],
      ['协办单位', c.coDepartments.join('、') || '—'],
      ['抄送', c.ccDepartments.join('、') || '—'],
      ['发现时间', when(c.discoveredAt)],
      ['收案时间', when(c.createdAt)],
      ['同一事项报告数', String(c.reportCount)],
      ['核查结论', verification ? `${label(VERIFICATION_LABELS, str(verification.detail.result))}：${str(verification.detail.findings)}` : '尚未核查'],
      ['当前阶段', label(STAGE_LABELS, c.stage)],
    ],
    timeline: events.map((e) => ({
      sequence: e.sequence, at: when(e.occurredAt), stage: label(STAGE_LABELS, e.stage),
      what: e.change === 'stage' ? `进入${label(STAGE_LABELS, e.stage)}` : label(CHANGE_LABELS, e.change), who: who(e), summary: summary(e),
    })),
    clocks: foldReportClocks(events),
    responses: events
      .filter((e) => change(e, 'responded', 'response'))
      .map((e) => ({ at: when(str(e.detail.publishedAt) || e.occurredAt), form: label(RESPONSE_FORM_LABELS, str(e.detail.form)), channel: label(CHANNEL_LABELS, str(e.detail.channel)), late: e.detail.late === true })),
    grades,
    keyCase: maskedKeyCase(keyCase),
    accountabilityTalks: talks,
    risk: [
      ['当前阶段', label(STAGE_LABELS, c.stage)],
      ['当前等级', label(GRADE_LABELS, c.grade)],
      ['风险等级', label(RISK_LABELS, riskLevel)],
      ['是否逾期', c.overdue ? `是（${c.overdueClocks.join('、')}）` : '否'],
      ['督办级别', c.escalationLevel ? `第 ${c.escalationLevel} 级` : '未督办'],
      ['重点舆情', keyCase ? label(KEY_CASE_LABELS, keyCase.status) : '否'],
      ['约谈', `${talks.length} 次`],
      ['办结时间', c.closedAt ? when(c.closedAt) : '未办结'],
    ],
  };
}
