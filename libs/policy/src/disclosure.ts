import { Calendar, dueDate, DueDateResult, IsoDate, Pause, addWorkingDays } from '@huiying/calendar';
import { PolicyErrorCode, PolicyException } from './policy.exception';
import { deepFreeze, publishPolicy, VersionedPolicy } from './versioned-policy';

/** One band of the per-page schedule: pages fromPage…toPage (inclusive; null = no upper bound) at yuanPerPage. */
export interface PageFeeTier {
  readonly fromPage: number;
  readonly toPage: number | null;
  readonly yuanPerPage: number;
}

/** 信息处理费 (国办函〔2020〕109号): two methods, one per application. Amounts in whole yuan. */
export interface FeeSchedule {
  readonly reference: string;
  /** 按件计收: per applicant per calendar month, by the application's ordinal in that month. */
  readonly perApplication: {
    /** Applications 1…freeUpTo are free (10). */
    readonly freeUpTo: number;
    /** Applications freeUpTo+1…firstBandUpTo cost firstBandYuan each (11–30 → 100 元). */
    readonly firstBandUpTo: number;
    readonly firstBandYuan: number;
    /** Beyond firstBandUpTo, every further band of bandSize applications costs bandIncrementYuan more each. */
    readonly bandSize: number;
    readonly bandIncrementYuan: number;
  };
  /** 按量计收: marginal tiers by page count of one application (1–30 free, 31–100 10 元, 101–200 20 元, 201+ 40 元). */
  readonly perPage: { readonly tiers: readonly PageFeeTier[] };
}

export type ApproverRole = 'head_of_disclosure_office';

/** The disclosure-on-application rules of a jurisdiction (条例 2019; 国办函〔2020〕109号). */
export interface DisclosurePolicy extends VersionedPolicy {
  readonly kind: 'disclosure';
  /** 第三十三条: 20 working days from receipt. */
  readonly answerWorkingDays: number;
  /** 第三十三条: one extension of at most 20 working days, approved by the head of the disclosure office. */
  readonly extension: { readonly maxWorkingDays: number; readonly maxCount: number; readonly approver: ApproverRole };
  /** 第三十条: correction requested within 7 working days of receipt; the clock restarts at the corrected receipt. */
  readonly correction: { readonly requestWithinWorkingDays: number; readonly restartsClock: true; readonly noCorrectionInTime: 'deemed_withdrawn' };
  /** 第三十二条: third party 15 working days; silence → the agency decides. */
  readonly thirdPartyConsultation: {
    readonly workingDays: number;
    readonly onSilence: 'agency_decides';
    readonly onObjection: 'withhold_unless_public_interest_override';
  };
  /** 第三十四条: co-producing agency 15 working days; silence = consent. */
  readonly coProducingAgencyConsultation: { readonly workingDays: number; readonly onSilence: 'consent' };
  /** 109号: fee notice → pay within N working days (clock paused meanwhile); unpaid → deemed withdrawn. */
  readonly feePayment: { readonly payWithinWorkingDays: number; readonly onNonPayment: 'deemed_withdrawn' };
  /** Reminder dates before the answer deadline. */
  readonly reminderWorkingDaysBeforeDue: readonly number[];
  readonly fees: FeeSchedule;
  /**
   * Delivery of notices (补正告知书, 征求意见书, 收费通知书 …): a period that runs from the addressee's receipt starts
   * only once receipt is recorded; a notice without recorded receipt this many working days after it was issued
   * raises a reminder. Optional: versions published before it existed use DISCLOSURE_RULE_DEFAULTS.
   */
  readonly noticeReceipt?: { readonly reminderAfterWorkingDays: number };
  /** 补正: the period given to the applicant when the office names none, and the longest it may give (working days). */
  readonly correctionPeriod?: { readonly defaultWorkingDays: number; readonly maxWorkingDays: number };
  /**
   * Which fee method applies when (国办函〔2020〕109号): 按件计收 applies to every decision type (第四条); 按量计收
   * where the applicant asked for paper copies, e-mail or copied electronic data (第五条), i.e. where information is
   * provided in such a form.
   */
  readonly feeMethods?: {
    readonly perApplication: { readonly replyTypes: 'all' };
    readonly perPage: { readonly replyTypes: readonly string[]; readonly deliveryForms: readonly string[] };
    readonly source: string;
  };
}

/** Rules a policy version may lack because it was published before they existed: the national defaults. */
export const DISCLOSURE_RULE_DEFAULTS = deepFreeze({
  noticeReceipt: { reminderAfterWorkingDays: 5 },
  correctionPeriod: { defaultWorkingDays: 15, maxWorkingDays: 60 },
  feeMethods: {
    perApplication: { replyTypes: 'all' as const },
    perPage: { replyTypes: ['disclosed', 'partly_disclosed'], deliveryForms: ['paper', 'electronic', 'email', 'post', 'pickup'] },
    source: '国办函〔2020〕109号 第四条（按件计收适用于所有政府信息公开申请处理决定类型）、第五条（按量计收：纸质件、电子邮件、复制电子数据等）',
  },
});

/** The delivery, correction-period and fee-method rules of a policy version, with the defaults for what it lacks. */
export function disclosureRules(policy: DisclosurePolicy): Required<Pick<DisclosurePolicy, 'noticeReceipt' | 'correctionPeriod' | 'feeMethods'>> {
  return {
    noticeReceipt: policy.noticeReceipt ?? DISCLOSURE_RULE_DEFAULTS.noticeReceipt,
    correctionPeriod: policy.correctionPeriod ?? DISCLOSURE_RULE_DEFAULTS.correctionPeriod,
    feeMethods: policy.feeMethods ?? DISCLOSURE_RULE_DEFAULTS.feeMethods,
  };
}

export const FEE_SCHEDULE_2020_109: FeeSchedule = deepFreeze<FeeSchedule>({
  reference: '国办函〔2020〕109号 政府信息公开信息处理费管理办法',
  perApplication: { freeUpTo: 10, firstBandUpTo: 30, firstBandYuan: 100, bandSize: 10, bandIncrementYuan: 100 },
  perPage: {
    tiers: [
      { fromPage: 1, toPage: 30, yuanPerPage: 0 },
      { fromPage: 31, toPage: 100, yuanPerPage: 10 },
      { fromPage: 101, toPage: 200, yuanPerPage: 20 },
      { fromPage: 201, toPage: null, yuanPerPage: 40 },
    ],
  },
});

export const NATIONAL_DISCLOSURE_POLICY: DisclosurePolicy = publishPolicy<DisclosurePolicy>({
  kind: 'disclosure',
  jurisdiction: 'cn',
  version: 'cn-2021.1',
  effectiveFrom: '2021-01-01T00:00:00+08:00',
  reference: '中华人民共和国政府信息公开条例 (2019) 第三十条—第三十五条、第四十二条; 国办函〔2020〕109号',
  answerWorkingDays: 20,
  extension: { maxWorkingDays: 20, maxCount: 1, approver: 'head_of_disclosure_office' },
  correction: { requestWithinWorkingDays: 7, restartsClock: true, noCorrectionInTime: 'deemed_withdrawn' },
  thirdPartyConsultation: { workingDays: 15, onSilence: 'agency_decides', onObjection: 'withhold_unless_public_interest_override' },
  coProducingAgencyConsultation: { workingDays: 15, onSilence: 'consent' },
  feePayment: { payWithinWorkingDays: 20, onNonPayment: 'deemed_withdrawn' },
  reminderWorkingDaysBeforeDue: [5, 1],
  fees: FEE_SCHEDULE_2020_109,
  // noticeReceipt, correctionPeriod and feeMethods: this version (published before they existed, and immutable) uses
  // DISCLOSURE_RULE_DEFAULTS through disclosureRules(); a new version may state its own
});

// ---------------------------------------------------------------- fees

export interface FeeWaiver {
  /** 确有经济困难: hardship, on the applicant's request, approved by the head of the disclosure office. */
  readonly reason: 'hardship';
  readonly approvedBy: string;
}

export type FeeInput =
  | {
      readonly method: 'per_application';
      /** Applications the same applicant already filed with this agency in the same calendar month. */
      readonly priorApplicationsThisMonth: number;
      /** Applications charged now (default 1). */
      readonly applications?: number;
      readonly waiver?: FeeWaiver | null;
    }
  | {
      readonly method: 'per_page';
      /** Pages of information provided for this one application. */
      readonly pages: number;
      readonly waiver?: FeeWaiver | null;
    };

export interface FeeLine {
  /** Ordinals of applications in the month, or page numbers, covered by this line (inclusive). */
  readonly from: number;
  readonly to: number;
  readonly units: number;
  readonly unitYuan: number;
  readonly subtotalYuan: number;
}

export interface FeeResult {
  readonly method: FeeInput['method'];
  readonly lines: readonly FeeLine[];
  /** Before any waiver. */
  readonly grossYuan: number;
  /** What the applicant pays. */
  readonly amountYuan: number;
  /** A fee notice is needed (amount > 0). */
  readonly chargeable: boolean;
  readonly waived: boolean;
  readonly waiver: FeeWaiver | null;
  readonly reference: string;
  readonly policyVersion: string | null;
}

function isPolicy(s: FeeSchedule | DisclosurePolicy): s is DisclosurePolicy {
  return (s as DisclosurePolicy).kind === 'disclosure';
}

function nonNegativeInteger(value: unknown, field: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 1_000_000) {
    throw new PolicyException(PolicyErrorCode.InvalidFeeInput, `${field} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/** The per-application price of the k-th application of a month (1-based). */
export function perApplicationUnitYuan(schedule: FeeSchedule, ordinal: number): number {
  const s = schedule.perApplication;
  if (ordinal <= s.freeUpTo) return 0;
  if (ordinal <= s.firstBandUpTo) return s.firstBandYuan;
  return s.firstBandYuan + Math.ceil((ordinal - s.firstBandUpTo) / s.bandSize) * s.bandIncrementYuan;
}

/**
 * 信息处理费 of one application (or a batch filed together) — pure.
 *
 * Reading of 国办函〔2020〕109号 used here:
 * - per application (按件): ordinals are counted per applicant per calendar month; the 1st–10th are free, the
 *   11th–30th cost 100 元 each, then each further band of 10 costs 100 元 more each (31st–40th 200 元, 41st–50th 300 元 …).
 *   The price of an application is set by its own ordinal ("…的部分").
 * - per page (按量): marginal tiers over the pages of one application: pages 1–30 free, pages 31–100 at 10 元,
 *   101–200 at 20 元, from 201 at 40 元 (e.g. 150 pages = 70×10 + 50×20 = 1700 元) — not "all pages at the top rate".
 * - one method per application, never both (an input carrying both is rejected);
 * - a hardship waiver (减免) sets the amount to 0 and is recorded.
 */
export function computeFee(scheduleOrPolicy: FeeSchedule | DisclosurePolicy, input: FeeInput): FeeResult {
  const schedule = isPolicy(scheduleOrPolicy) ? scheduleOrPolicy.fees : scheduleOrPolicy;
  const raw = input as Partial<Record<'pages' | 'priorApplicationsThisMonth' | 'applications', unknown>> & { method?: unknown };
  if (raw.pages !== undefined && (raw.priorApplicationsThisMonth !== undefined || raw.applications !== undefined)) {
    throw new PolicyException(PolicyErrorCode.FeeMethodConflict, 'one method per application: per application or per page, never both');
  }
  const lines: FeeLine[] = [];
  if (input.method === 'per_application') {
    const prior = nonNegativeInteger(input.priorApplicationsThisMonth, 'priorApplicationsThisMonth');
    const count = nonNegativeInteger(input.applications ?? 1, 'applications', 1);
    for (let k = prior + 1; k <= prior + count; k++) {
      const unit = perApplicationUnitYuan(schedule, k);
      const last = lines[lines.length - 1];
      if (last && last.unitYuan === unit) {
        lines[lines.length - 1] = { ...last, to: k, units: last.units + 1, subtotalYuan: last.subtotalYuan + unit };
      } else {
        lines.push({ from: k, to: k, units: 1, unitYuan: unit, subtotalYuan: unit });
      }
    }
  } else if (input.method === 'per_page') {
    const pages = nonNegativeInteger(input.pages, 'pages');
    for (const tier of schedule.perPage.tiers) {
      const to = Math.min(pages, tier.toPage ?? Number.POSITIVE_INFINITY);
      if (to < tier.fromPage) continue;
      const units = to - tier.fromPage + 1;
      lines.push({ from: tier.fromPage, to, units, unitYuan: tier.yuanPerPage, subtotalYuan: units * tier.yuanPerPage });
    }
  } else {
    throw new PolicyException(PolicyErrorCode.InvalidFeeInput, `method must be per_application or per_page, got ${JSON.stringify(raw.method)}`);
  }
  const waiver = input.waiver ?? null;
  if (waiver && (waiver.reason !== 'hardship' || typeof waiver.approvedBy !== 'string' || waiver.approvedBy.trim() === '')) {
    throw new PolicyException(PolicyErrorCode.InvalidFeeInput, 'a waiver needs reason "hardship" and the approver');
  }
  const grossYuan = lines.reduce((sum, l) => sum + l.subtotalYuan, 0);
  const amountYuan = waiver ? 0 : grossYuan;
  return {
    method: input.method,
    lines,
    grossYuan,
    amountYuan,
    chargeable: amountYuan > 0,
    waived: waiver !== null && grossYuan > 0,
    waiver,
    reference: schedule.reference,
    policyVersion: isPolicy(scheduleOrPolicy) ? scheduleOrPolicy.version : null,
  };
}

// ---------------------------------------------------------------- deadlines under the policy

export interface DisclosureDeadlineInput {
  readonly receivedOn: IsoDate;
  readonly pauses?: readonly Pause[];
  readonly extension?: { readonly workingDays: number; readonly approvedBy: string; readonly approverRole: ApproverRole } | null;
  readonly correctedOn?: IsoDate | null;
  readonly calendar?: Calendar;
}

/** The answer deadline under a disclosure policy version (20 working days, extension rules enforced). */
export function disclosureAnswerDeadline(policy: DisclosurePolicy, input: DisclosureDeadlineInput): DueDateResult & { readonly policyVersion: string } {
  const ext = input.extension ?? null;
  if (ext) {
    if (ext.approverRole !== policy.extension.approver || !ext.approvedBy) {
      throw new PolicyException(PolicyErrorCode.ExtensionNotAllowed, `an extension needs the approval of the ${policy.extension.approver}`);
    }
    if (ext.workingDays > policy.extension.maxWorkingDays) {
      throw new PolicyException(PolicyErrorCode.ExtensionNotAllowed, `an extension is at most ${policy.extension.maxWorkingDays} working days`);
    }
  }
  const result = dueDate({
    receivedOn: input.receivedOn,
    workingDays: policy.answerWorkingDays,
    pauses: input.pauses,
    extension: ext ? { workingDays: ext.workingDays, approvedBy: ext.approvedBy } : null,
    correctedOn: input.correctedOn,
    calendar: input.calendar,
  });
  return { ...result, policyVersion: policy.version };
}

/** Last day to request a correction (补正): 7 working days after receipt (same counting rule). */
export function correctionRequestDeadline(policy: DisclosurePolicy, receivedOn: IsoDate, calendar?: Calendar): DueDateResult {
  return dueDate({ receivedOn, workingDays: policy.correction.requestWithinWorkingDays, calendar });
}

/** Deadline of a consultation answer, from the day the consulted party received the written request. */
export function consultationDeadline(
  policy: DisclosurePolicy,
  party: 'third_party' | 'co_producing_agency',
  requestReceivedOn: IsoDate,
  calendar?: Calendar,
): DueDateResult {
  const workingDays = party === 'third_party' ? policy.thirdPartyConsultation.workingDays : policy.coProducingAgencyConsultation.workingDays;
  return dueDate({ receivedOn: requestReceivedOn, workingDays, calendar });
}

/** Reminder dates before an answer deadline (5 and 1 working days before, by default). */
export function disclosureReminderDates(policy: DisclosurePolicy, due: IsoDate, calendar?: Calendar): IsoDate[] {
  return policy.reminderWorkingDaysBeforeDue.map((n) => addWorkingDays(due, -n, calendar));
}
