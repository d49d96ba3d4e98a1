import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { PublicationRequestedV1 } from './publication-requested.event';
import { noticeRequestId, type DisclosureNoticeContent, type DisclosureNoticeRequest } from '../workflow/disclosure-notices';

const caseId = '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f';
function notice(content: DisclosureNoticeContent, over: Partial<DisclosureNoticeRequest> = {}): DisclosureNoticeRequest {
  return {
    requestId: noticeRequestId(caseId, 'n1'), caseId, applicationId: '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60', jurisdiction: 'seed-city', department: 'disclosure_office',
    noticeId: 'n1', addressee: 'applicant', addresseeName: null, issuedOn: '2026-12-01', issuedBy: '公开办 王五', sentVia: 'post_signed',
    receivedOn: '2026-11-30', correctedOn: null, content, ...over,
  };
}
async function problems(data: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(PublicationRequestedV1, data) as object);
  const walk = (es: typeof errors, parent = ''): string[] => es.flatMap((e) => [...Object.keys(e.constraints ?? {}).map((c) => `${parent}${e.property}:${c}`), ...walk(e.children ?? [], `${parent}${e.property}.`)]);
  return walk(errors);
}
const request = (n: DisclosureNoticeRequest) => ({ kind: 'disclosure_notice', caseId, requestedAt: '2026-12-01T02:00:00.000Z', notice: n });

describe('publication.requested.v1: disclosure notices', () => {
  it.each<DisclosureNoticeContent>([
    { kind: 'correction_notice', items: ['申请内容不明确：请写明所需信息的名称或文号'], respondWithinWorkingDays: 15 },
    { kind: 'consultation_request', consultationId: 'c1', party: 'third_party', matters: '拟公开的合同中含有贵公司报价', workingDays: 15, onSilence: 'agency_decides' },
    { kind: 'extension_notice', workingDays: 20, reason: '需调取档案', dueBefore: '2026-12-29', dueAfter: '2027-01-27', approvedOn: '2026-12-20', approverOffice: '政务公开办' },
    { kind: 'fee_notice', method: 'per_page', amountYuan: 700, lines: [{ from: 1, to: 30, units: 30, unitYuan: 0, subtotalYuan: 0 }, { from: 31, to: 100, units: 70, unitYuan: 10, subtotalYuan: 700 }], reference: '国办函〔2020〕109号', payWithinWorkingDays: 20 },
    { kind: 'public_interest_override_notice', consultationId: 'c1', disclosedContent: '合同总价', reasons: '涉及公共资金使用' },
    { kind: 'excessive_reasons_request', grounds: '同一月内申请 40 件', reasonsWithinWorkingDays: null },
    { kind: 'excessive_period_notice', due: '2027-02-26', reason: '申请数量大' },
  ])('a valid $kind passes', async (content) => {
    expect(await problems(request(notice(content)))).toEqual([]);
  });

  it('refuses a notice whose content misses what its kind needs, and a notice request without the notice', async () => {
    expect(await problems(request(notice({ kind: 'correction_notice', items: [], respondWithinWorkingDays: 0 } as DisclosureNoticeContent)))).toEqual(['notice.content.items:arrayMinSize', 'notice.content.respondWithinWorkingDays:min']);
    expect(await problems(request(notice({ kind: 'fee_notice' } as DisclosureNoticeContent)))).toEqual(
      expect.arrayContaining(['notice.content.method:isIn', 'notice.content.amountYuan:isNumber', 'notice.content.payWithinWorkingDays:isInt']),
    );
    expect(await problems({ kind: 'disclosure_notice', caseId, requestedAt: '2026-12-01T02:00:00.000Z' })).toEqual(['notice:isDefined']);
    expect(await problems(request(notice({ kind: 'excessive_period_notice', due: '2027-02-30', reason: 'x' })))).toEqual(['notice.content.due:isIsoDate']);
  });
});
