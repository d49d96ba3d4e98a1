import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DISCLOSURE_ACTION_BODIES, type DisclosureActionPath } from './disclosure-actions.dto';

/** Field paths of the errors, nested ones as `a.0.b` (as the REST 400 lists them). */
function paths(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [...(e.constraints ? [field] : []), ...paths(e.children ?? [], field)];
  });
}

async function fieldsOf(action: DisclosureActionPath, body: Record<string, unknown>): Promise<string[]> {
  const dto = plainToInstance(DISCLOSURE_ACTION_BODIES[action] as new () => object, body);
  return paths(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).sort();
}

describe('disclosure action bodies', () => {
  it('take the bodies the workflow takes (the end-to-end tests\' actions among them)', async () => {
    const valid: [DisclosureActionPath, Record<string, unknown>][] = [
      ['correction-request', { requestedBy: '张科员', items: ['信息名称'], requestedOn: '2026-11-20', respondWithinWorkingDays: 15, sentVia: 'post_signed' }],
      ['correction', { receivedBy: '张科员' }],
      ['review', { reviewedBy: '保密员', outcome: 'contains_exempt_parts' }],
      ['consultations', { party: 'third_party', consultee: '某公司', matters: '商业秘密', requestedBy: '张科员', sentVia: 'post_signed', requestReceivedOn: '2026-11-23' }],
      ['consultation-replies', { consultationId: 'c1', response: 'objection', reasons: '涉及商业秘密' }],
      [
        'decision',
        {
          replyType: 'partly_disclosed',
          decidedBy: '王主任',
          withheldParts: [{ description: '个人银行账户信息', resultCode: 'withheld.third_party_rights', reason: '涉及个人隐私' }],
          publicInterestOverride: { reasons: '公共利益', approvedBy: '王主任', disclosedContent: '合同总价', sentVia: 'post_signed' },
        },
      ],
      ['extension', { workingDays: 10, reason: '需要调档', approverId: 'staff-0421', sentVia: 'email' }], // whether the person holds the role is routing's check (422)
      ['fee-notice', { issuedBy: '张科员', method: 'per_page', pages: 120, sentVia: 'email' }],
      ['fee-payment', { outcome: 'waived', recordedBy: '李会计', approverId: 'staff-0421' }],
      ['fee-payment', { outcome: 'paid', recordedBy: '李会计', on: '2026-12-05' }],
      ['reply', { issuedBy: '经办人', deliveredVia: 'email', letterRef: 'e2e' }],
      ['archive', { archivedBy: '档案员' }],
      ['notice-receipts', { noticeId: 'n1', receivedOn: '2026-11-23', evidence: 'postal_receipt', recordedBy: '窗口', note: 'EMS' }],
      ['late-correction', { correctedOn: '2026-12-10', receivedBy: '窗口', goodReason: '申请人住院', acceptedBy: '王主任' }],
      ['excessive-reasons-request', { requestedBy: '张科员', grounds: '本月 45 件', sentVia: 'email', reasonsWithinWorkingDays: 10 }],
      ['excessive-period', { decidedBy: '王主任', due: '2027-02-26', reason: '需逐件调档', sentVia: 'email' }],
    ];
    for (const [action, body] of valid) expect([action, await fieldsOf(action, body)]).toEqual([action, []]);
  });

  it('name every bad field: missing, wrong type, not in the list, not a real date, unknown', async () => {
    expect(await fieldsOf('review', { outcome: 'looks fine', reviewedOn: '2026-02-30', extra: 1 })).toEqual(['reviewedBy', 'outcome', 'reviewedOn', 'extra'].sort());
    expect(await fieldsOf('extension', { workingDays: 2.5, reason: '', approverId: 'staff 0421' })).toEqual(['workingDays', 'reason', 'approverId', 'sentVia'].sort());
    expect(await fieldsOf('extension', { workingDays: 2, reason: 'r', sentVia: 'email' })).toEqual(['approverId']);
    expect(await fieldsOf('notice-receipts', { noticeId: 'n1', receivedOn: '2026-13-01', evidence: 'hearsay' })).toEqual(['receivedOn', 'evidence', 'recordedBy'].sort());
    // the applicant's count for the month is the system's: a caller cannot send it
    expect(await fieldsOf('fee-notice', { issuedBy: 'x', method: 'per_application', sentVia: 'email', priorApplicationsThisMonth: 0 })).toEqual(['priorApplicationsThisMonth']);
    expect(await fieldsOf('correction-request', { requestedBy: 'x', items: [], respondWithinWorkingDays: 61, sentVia: 'pigeon' })).toEqual(['items', 'respondWithinWorkingDays', 'sentVia'].sort());
    expect(
      await fieldsOf('decision', { replyType: 'maybe', decidedBy: 'x', withheldParts: [{ description: 'd', resultCode: 'secret', reason: '' }], publicInterestOverride: { reasons: 'r' } }),
    ).toEqual([
      'replyType',
      'withheldParts.0.resultCode',
      'withheldParts.0.reason',
      'publicInterestOverride.approvedBy',
      'publicInterestOverride.disclosedContent',
      'publicInterestOverride.sentVia',
    ].sort());
    expect(await fieldsOf('fee-notice', { issuedBy: 'x', method: 'per_kilo', sentVia: 'email' })).toEqual(['method']);
  });

  it('refuse the approver as a claim: approverRole, approvedBy and waiverApprovedBy are 400 saying to send approverId', async () => {
    const messages = async (action: DisclosureActionPath, body: Record<string, unknown>) =>
      Object.fromEntries(
        (await validate(plainToInstance(DISCLOSURE_ACTION_BODIES[action] as new () => object, body), { whitelist: true, forbidNonWhitelisted: true })).map((e) => [
          e.property,
          Object.values(e.constraints ?? {}),
        ]),
      );
    const ext = await messages('extension', { workingDays: 10, reason: 'r', approverId: 'staff-0421', approvedBy: '王主任', approverRole: 'head_of_disclosure_office', sentVia: 'email' });
    expect(Object.keys(ext).sort()).toEqual(['approvedBy', 'approverRole']);
    expect(ext.approverRole).toEqual([expect.stringMatching(/^approverRole is no longer accepted: name the approver by approverId/)]);
    const fee = await messages('fee-payment', { outcome: 'waived', recordedBy: 'x', waiverApprovedBy: '王主任', approverRole: 'head_of_disclosure_office' });
    expect(Object.keys(fee).sort()).toEqual(['approverId', 'approverRole', 'waiverApprovedBy']);
  });

  it('a fee waiver needs its approver, a payment has none', async () => {
    expect(await fieldsOf('fee-payment', { outcome: 'waived', recordedBy: 'x' })).toEqual(['approverId']);
    expect(await fieldsOf('fee-payment', { outcome: 'paid', recordedBy: 'x', approverId: 'staff-0421' })).toEqual(['approverId']);
  });
});
