import type { DisclosureApplicationInput, OpinionCaseInput } from '@huiying/contracts';

// The static summary and details a case workflow starts with (Temporal user metadata): what the case is, in the
// workflow list and at the top of its page in the Temporal UI. No personal data: no reporter, caller or applicant
// name, number or address — only what the case is about and who has it.

const flat = (text: string, max: number) => {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};
const lines = (rows: [string, string | null | undefined][]) =>
  rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `**${k}** ${v}`).join('  \n');

export interface WorkflowSummary {
  staticSummary: string;
  staticDetails: string;
}

/** `舆情 · food_safety · 某超市出售过期食品 → market_regulation (seed-city)` */
export function opinionWorkflowSummary(input: OpinionCaseInput): WorkflowSummary {
  const r = input.routing;
  const where = [input.location.district, input.location.township].filter(Boolean).join('/');
  return {
    staticSummary: flat(`舆情 · ${input.category} · ${flat(input.title, 40)} → ${r.leadDepartment} (${r.jurisdiction})`, 120),
    staticDetails: lines([
      ['Kind', 'public opinion 政务舆情'],
      ['Title', flat(input.title, 200)],
      ['Category', input.category],
      ['Channel', input.channel],
      ['Lead department', r.leadDepartment],
      ['Co-handling', r.ccDepartments.length ? r.ccDepartments.join(', ') : null],
      ['Jurisdiction', r.jurisdiction],
      ['Territory 属地', r.territory ?? (where || null)],
      ['Routing rule', `${r.ruleId} (rules ${r.ruleVersion})`],
      ['Deadline policy', input.policy?.version ?? input.policyVersion],
      ['Discovered', input.discoveredAt],
    ]),
  };
}

/** `依申请公开 · DA-… · received 2026-12-03 → general_office (seed-city)` */
export function disclosureWorkflowSummary(input: DisclosureApplicationInput): WorkflowSummary {
  return {
    staticSummary: flat(`依申请公开 · ${input.applicationId} · received ${input.receivedOn} → ${input.leadDepartment} (${input.jurisdiction})`, 120),
    staticDetails: lines([
      ['Kind', 'information disclosure application 依申请公开'],
      ['Application', input.applicationId],
      ['Channel', input.channel],
      ['Received', `${input.receivedOn} (answer within ${input.policy.answerWorkingDays} working days, counted from the next working day)`],
      ['Filed as', input.filedAs],
      ['Applicant type', input.applicant.type],
      ['Delivery', input.deliveryForm],
      ['Department', input.leadDepartment],
      ['Jurisdiction', input.jurisdiction],
      ['Policy', input.policy.version],
    ]),
  };
}
