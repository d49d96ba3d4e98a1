import { maskPersonalData, maskText } from './masking';

describe('personal data masking', () => {
  it('masks mainland mobile numbers inside free text', () => {
    expect(maskText('请联系13800138000处理')).toBe('请联系138****8000处理');
  });

  it('masks 18-character identity card numbers, including an X check digit', () => {
    expect(maskText('身份证 11010519491231002X')).toBe('身份证 110********002X');
  });

  it('masks e-mail addresses but keeps the domain', () => {
    expect(maskText('mail zhangsan@example.cn')).toBe('mail z***@example.cn');
  });

  it('masks every field of a reporter / caller / applicant object', () => {
    const masked = maskPersonalData({
      caseId: 'c-1',
      reporter: { name: '张三丰', phone: '13912345678', email: 'a.b@gov.cn' },
    }) as { caseId: string; reporter: Record<string, string> };
    expect(masked.caseId).toBe('c-1');
    expect(masked.reporter.name).toBe('张**');
    expect(masked.reporter.phone).toBe('139****5678');
    expect(masked.reporter.email).toBe('a***@gov.cn');
  });

  it('masks known personal keys at any depth and leaves other fields alone', () => {
    const masked = maskPersonalData({ body: { applicant: { idNumber: '110105194912310021' }, title: '供暖' } }) as {
      body: { applicant: { idNumber: string }; title: string };
    };
    expect(masked.body.applicant.idNumber).toBe('110********0021');
    expect(masked.body.title).toBe('供暖');
  });

  it('does not loop on circular structures', () => {
    const a: Record<string, unknown> = { phone: '13800138000' };
    a.self = a;
    expect(maskPersonalData(a)).toEqual({ phone: '138****8000', self: '[Circular]' });
  });
});
