// Pure checks of a policy's kind-specific content before it is published (immutable forever after). No I/O.
import { CATEGORIES, CLOCK_STARTS, GRADES, isDepartmentCode, type VersionedPolicy } from '@huiying/policy';
import type { PolicyKind, PublishPolicyDto } from '@huiying/contracts';

type Obj = Record<string, unknown>;

class Checker {
  readonly problems: string[] = [];

  obj(value: unknown, path: string): Obj | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
    this.problems.push(`${path} must be an object`);
    return undefined;
  }

  onlyKeys(o: Obj, path: string, allowed: readonly string[]): void {
    const extra = Object.keys(o).filter((k) => !allowed.includes(k));
    if (extra.length) this.problems.push(`${path || 'content'} has unknown field(s): ${extra.join(', ')}`);
    const missing = allowed.filter((k) => !(k in o) && !OPTIONAL.has(k));
    if (missing.length) this.problems.push(`${path || 'content'} is missing: ${missing.join(', ')}`);
  }

  int(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.problems.push(`${path} must be an integer between ${min} and ${max}`);
    }
  }

  str(value: unknown, path: string): void {
    if (typeof value !== 'string' || value.trim() === '') this.problems.push(`${path} must be a non-empty string`);
  }

  bool(value: unknown, path: string): void {
    if (typeof value !== 'boolean') this.problems.push(`${path} must be true or false`);
  }

  oneOf(value: unknown, path: string, allowed: readonly unknown[]): void {
    if (!allowed.includes(value)) this.problems.push(`${path} must be one of: ${allowed.join(', ')}`);
  }

  array(value: unknown, path: string, each: (v: unknown, p: string) => void, minLength = 0): void {
    if (!Array.isArray(value)) {
      this.problems.push(`${path} must be an array`);
      return;
    }
    if (value.length < minLength) this.problems.push(`${path} must have at least ${minLength} item(s)`);
    value.forEach((v, i) => each(v, `${path}[${i}]`));
  }

  /** A real calendar day YYYY-MM-DD. */
  date(value: unknown, path: string): void {
    const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    if (!ok) this.problems.push(`${path} must be a date YYYY-MM-DD`);
  }

  department(value: unknown, path: string): void {
    if (!isDepartmentCode(value)) this.problems.push(`${path} must be a department code of the directory (GET /v1/departments)`);
  }
}

/** Keys that may be absent wherever they appear. */
const OPTIONAL = new Set(['note', 'source', 'title', 'quote', 'superiorReport', 'noticeReceipt', 'correctionPeriod', 'feeMethods']);

const HEADER_KEYS = ['kind', 'jurisdiction', 'version', 'effectiveFrom', 'reference'] as const;

/** Where a rule comes from (document, provision, effective date): optional, checked when given. */
function ruleSource(c: Checker, value: unknown, path: string): void {
  const o = c.obj(value, path);
  if (!o) return;
  c.onlyKeys(o, path, ['document', 'title', 'provision', 'effectiveFrom', 'quote']);
  c.str(o.document, `${path}.document`);
  c.str(o.provision, `${path}.provision`);
  c.date(o.effectiveFrom, `${path}.effectiveFrom`);
  for (const k of ['title', 'quote'] as const) if (o[k] !== undefined) c.str(o[k], `${path}.${k}`);
}

/**
 * A clock: its length, basis and the event it counts from (`startsFrom`, required in every new version — DOMAIN.md:
 * the event is policy data); `starts` lists the events allowed (the claim clock cannot count from the claim).
 */
function clockRule(c: Checker, value: unknown, path: string, extra: readonly string[] = [], starts: readonly string[] = CLOCK_STARTS): Obj | undefined {
  const o = c.obj(value, path);
  if (!o) return undefined;
  c.onlyKeys(o, path, ['withinMinutes', 'basis', 'startsFrom', 'source', ...extra]);
  c.int(o.withinMinutes, `${path}.withinMinutes`, 1, 60 * 24 * 366);
  c.str(o.basis, `${path}.basis`);
  if ('startsFrom' in o) c.oneOf(o.startsFrom, `${path}.startsFrom`, starts);
  if (o.source !== undefined) ruleSource(c, o.source, `${path}.source`);
  return o;
}

function grades(c: Checker, value: unknown, path: string): void {
  c.array(value, path, (g, p) => c.oneOf(g, p, GRADES));
}

function opinionDeadlines(c: Checker, content: Obj): void {
  c.onlyKeys(content, '', ['claim', 'firstRelease', 'pressConference', 'response', 'superiorReport', 'followUp', 'reminders', 'escalations']);
  clockRule(c, content.claim, 'claim', [], ['discovery', 'routing']);
  const first = clockRule(c, content.firstRelease, 'firstRelease', ['grades']);
  if (first) grades(c, first.grades, 'firstRelease.grades');
  const press = clockRule(c, content.pressConference, 'pressConference', ['grades', 'repeatAsNeeded']);
  if (press) {
    grades(c, press.grades, 'pressConference.grades');
    c.bool(press.repeatAsNeeded, 'pressConference.repeatAsNeeded');
  }
  clockRule(c, content.response, 'response');
  if (content.superiorReport !== undefined) {
    const up = clockRule(c, content.superiorReport, 'superiorReport', ['grades']);
    if (up) grades(c, up.grades, 'superiorReport.grades');
  }
  const follow = c.obj(content.followUp, 'followUp');
  if (follow) {
    c.onlyKeys(follow, 'followUp', ['everyMinutes', 'basis']);
    c.int(follow.everyMinutes, 'followUp.everyMinutes', 1);
    c.str(follow.basis, 'followUp.basis');
  }
  const reminders = c.obj(content.reminders, 'reminders');
  if (reminders) {
    c.onlyKeys(reminders, 'reminders', ['atFractionsOfWindow', 'minutesBeforeDue']);
    c.array(reminders.atFractionsOfWindow, 'reminders.atFractionsOfWindow', (f, p) => {
      if (typeof f !== 'number' || !(f > 0 && f < 1)) c.problems.push(`${p} must be a number strictly between 0 and 1`);
    });
    c.array(reminders.minutesBeforeDue, 'reminders.minutesBeforeDue', (m, p) => c.int(m, p, 1));
  }
  c.array(content.escalations, 'escalations', (e, p) => {
    const o = c.obj(e, p);
    if (!o) return;
    c.onlyKeys(o, p, ['level', 'afterDueMinutes', 'to', 'note']);
    c.int(o.level, `${p}.level`, 1, 10);
    c.int(o.afterDueMinutes, `${p}.afterDueMinutes`, 0);
    if (o.to !== 'government_leadership') c.department(o.to, `${p}.to`);
    c.str(o.note, `${p}.note`);
  });
}

function disclosure(c: Checker, content: Obj): void {
  c.onlyKeys(content, '', [
    'answerWorkingDays',
    'extension',
    'correction',
    'thirdPartyConsultation',
    'coProducingAgencyConsultation',
    'feePayment',
    'reminderWorkingDaysBeforeDue',
    'fees',
    // optional (versions published before they existed use DISCLOSURE_RULE_DEFAULTS)
    'noticeReceipt',
    'correctionPeriod',
    'feeMethods',
  ]);
  c.int(content.answerWorkingDays, 'answerWorkingDays', 1, 1000);
  if (content.noticeReceipt !== undefined) {
    const nr = c.obj(content.noticeReceipt, 'noticeReceipt');
    if (nr) {
      c.onlyKeys(nr, 'noticeReceipt', ['reminderAfterWorkingDays']);
      c.int(nr.reminderAfterWorkingDays, 'noticeReceipt.reminderAfterWorkingDays', 1, 60);
    }
  }
  if (content.correctionPeriod !== undefined) {
    const cp = c.obj(content.correctionPeriod, 'correctionPeriod');
    if (cp) {
      c.onlyKeys(cp, 'correctionPeriod', ['defaultWorkingDays', 'maxWorkingDays']);
      c.int(cp.defaultWorkingDays, 'correctionPeriod.defaultWorkingDays', 1, 60);
      c.int(cp.maxWorkingDays, 'correctionPeriod.maxWorkingDays', 1, 60);
    }
  }
  if (content.feeMethods !== undefined) {
    const fm = c.obj(content.feeMethods, 'feeMethods');
    if (fm) {
      c.onlyKeys(fm, 'feeMethods', ['perApplication', 'perPage', 'source']);
      c.str(fm.source, 'feeMethods.source');
      const pa = c.obj(fm.perApplication, 'feeMethods.perApplication');
      if (pa) c.oneOf(pa.replyTypes, 'feeMethods.perApplication.replyTypes', ['all']);
      const pp = c.obj(fm.perPage, 'feeMethods.perPage');
      if (pp) {
        c.onlyKeys(pp, 'feeMethods.perPage', ['replyTypes', 'deliveryForms']);
        c.array(pp.replyTypes, 'feeMethods.perPage.replyTypes', (v, p) => c.str(v, p));
        c.array(pp.deliveryForms, 'feeMethods.perPage.deliveryForms', (v, p) => c.str(v, p));
      }
    }
  }
  const ext = c.obj(content.extension, 'extension');
  if (ext) {
    c.onlyKeys(ext, 'extension', ['maxWorkingDays', 'maxCount', 'approver']);
    c.int(ext.maxWorkingDays, 'extension.maxWorkingDays', 0, 20);
    c.int(ext.maxCount, 'extension.maxCount', 0, 1);
    c.oneOf(ext.approver, 'extension.approver', ['head_of_disclosure_office']);
  }
  const corr = c.obj(content.correction, 'correction');
  if (corr) {
    c.onlyKeys(corr, 'correction', ['requestWithinWorkingDays', 'restartsClock', 'noCorrectionInTime']);
    c.int(corr.requestWithinWorkingDays, 'correction.requestWithinWorkingDays', 1, 1000);
    c.oneOf(corr.restartsClock, 'correction.restartsClock', [true]);
    c.oneOf(corr.noCorrectionInTime, 'correction.noCorrectionInTime', ['deemed_withdrawn']);
  }
  const third = c.obj(content.thirdPartyConsultation, 'thirdPartyConsultation');
  if (third) {
    c.onlyKeys(third, 'thirdPartyConsultation', ['workingDays', 'onSilence', 'onObjection']);
    c.int(third.workingDays, 'thirdPartyConsultation.workingDays', 1, 1000);
    c.oneOf(third.onSilence, 'thirdPartyConsultation.onSilence', ['agency_decides']);
    c.oneOf(third.onObjection, 'thirdPartyConsultation.onObjection', ['withhold_unless_public_interest_override']);
  }
  const co = c.obj(content.coProducingAgencyConsultation, 'coProducingAgencyConsultation');
  if (co) {
    c.onlyKeys(co, 'coProducingAgencyConsultation', ['workingDays', 'onSilence']);
    c.int(co.workingDays, 'coProducingAgencyConsultation.workingDays', 1, 1000);
    c.oneOf(co.onSilence, 'coProducingAgencyConsultation.onSilence', ['consent']);
  }
  const fee = c.obj(content.feePayment, 'feePayment');
  if (fee) {
    c.onlyKeys(fee, 'feePayment', ['payWithinWorkingDays', 'onNonPayment']);
    c.int(fee.payWithinWorkingDays, 'feePayment.payWithinWorkingDays', 1, 1000);
    c.oneOf(fee.onNonPayment, 'feePayment.onNonPayment', ['deemed_withdrawn']);
  }
  c.array(content.reminderWorkingDaysBeforeDue, 'reminderWorkingDaysBeforeDue', (n, p) => c.int(n, p, 1, 1000));
  const fees = c.obj(content.fees, 'fees');
  if (fees) {
    c.onlyKeys(fees, 'fees', ['reference', 'perApplication', 'perPage']);
    c.str(fees.reference, 'fees.reference');
    const per = c.obj(fees.perApplication, 'fees.perApplication');
    if (per) {
      const keys = ['freeUpTo', 'firstBandUpTo', 'firstBandYuan', 'bandSize', 'bandIncrementYuan'];
      c.onlyKeys(per, 'fees.perApplication', keys);
      for (const k of keys) c.int(per[k], `fees.perApplication.${k}`, k === 'bandSize' ? 1 : 0);
      if (Number.isInteger(per.freeUpTo) && Number.isInteger(per.firstBandUpTo) && (per.firstBandUpTo as number) < (per.freeUpTo as number)) {
        c.problems.push('fees.perApplication.firstBandUpTo must not be below freeUpTo');
      }
    }
    const page = c.obj(fees.perPage, 'fees.perPage');
    if (page) {
      c.onlyKeys(page, 'fees.perPage', ['tiers']);
      let expectedFrom = 1;
      c.array(
        page.tiers,
        'fees.perPage.tiers',
        (t, p) => {
          const o = c.obj(t, p);
          if (!o) return;
          c.onlyKeys(o, p, ['fromPage', 'toPage', 'yuanPerPage']);
          c.int(o.fromPage, `${p}.fromPage`, 1);
          if (o.toPage !== null) c.int(o.toPage, `${p}.toPage`, 1);
          c.int(o.yuanPerPage, `${p}.yuanPerPage`, 0);
          if (o.fromPage !== expectedFrom) c.problems.push(`${p}.fromPage must be ${expectedFrom} (tiers are contiguous from page 1)`);
          expectedFrom = typeof o.toPage === 'number' ? o.toPage + 1 : Number.NaN;
        },
        1,
      );
      const tiers = Array.isArray(page.tiers) ? (page.tiers as Obj[]) : [];
      if (tiers.length && tiers[tiers.length - 1]?.toPage !== null) c.problems.push('fees.perPage.tiers: the last tier must be open-ended (toPage: null)');
    }
  }
}

function routing(c: Checker, content: Obj): void {
  c.onlyKeys(content, '', ['rules', 'fallback', 'mandatoryCc', 'territorial']);
  const seenIds = new Set<string>();
  const seenCategories = new Map<string, string>();
  c.array(
    content.rules,
    'rules',
    (r, p) => {
      const o = c.obj(r, p);
      if (!o) return;
      c.onlyKeys(o, p, ['id', 'categories', 'leadDepartment', 'note']);
      c.str(o.id, `${p}.id`);
      if (typeof o.id === 'string') {
        if (seenIds.has(o.id)) c.problems.push(`${p}.id ${o.id} is used twice`);
        seenIds.add(o.id);
      }
      c.array(
        o.categories,
        `${p}.categories`,
        (cat, cp) => {
          c.oneOf(cat, cp, CATEGORIES);
          if (typeof cat === 'string') {
            const other = seenCategories.get(cat);
            if (other) c.problems.push(`${cp}: category ${cat} is already routed by ${other}`);
            seenCategories.set(cat, p);
          }
        },
        1,
      );
      c.department(o.leadDepartment, `${p}.leadDepartment`);
      if (o.note !== undefined) c.str(o.note, `${p}.note`);
    },
    1,
  );
  const fallback = c.obj(content.fallback, 'fallback');
  if (fallback) {
    c.onlyKeys(fallback, 'fallback', ['id', 'leadDepartment']);
    c.str(fallback.id, 'fallback.id');
    c.department(fallback.leadDepartment, 'fallback.leadDepartment');
  }
  c.array(content.mandatoryCc, 'mandatoryCc', (d, p) => c.department(d, p));
  c.bool(content.territorial, 'territorial');
}

const CHECKS: Record<PolicyKind, (c: Checker, content: Obj) => void> = {
  opinion_deadlines: opinionDeadlines,
  disclosure,
  routing,
};

/** Every problem of a policy's kind-specific content ([] = publishable). */
export function policyContentProblems(kind: PolicyKind, content: Obj): string[] {
  const c = new Checker();
  const header = HEADER_KEYS.filter((k) => k in content);
  if (header.length) c.problems.push(`content must not repeat the header field(s): ${header.join(', ')}`);
  const rest = Object.fromEntries(Object.entries(content).filter(([k]) => !(HEADER_KEYS as readonly string[]).includes(k)));
  CHECKS[kind](c, rest);
  return c.problems;
}

/** The @huiying/policy object for a publish request: header + content. */
export function toPolicy(dto: PublishPolicyDto): VersionedPolicy & Obj {
  return {
    kind: dto.kind,
    jurisdiction: dto.jurisdiction,
    version: dto.version,
    effectiveFrom: dto.effectiveFrom,
    reference: dto.reference,
    ...dto.content,
  };
}

/** Splits a stored/built-in policy into the header and the kind-specific content (inverse of toPolicy). */
export function contentOf(policy: VersionedPolicy): Obj {
  return Object.fromEntries(Object.entries(policy).filter(([k]) => !(HEADER_KEYS as readonly string[]).includes(k)));
}
