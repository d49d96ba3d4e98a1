import { createHash } from 'node:crypto';
import { ApplicantKeyer, applicantMonthOf, normalisedIdentity } from './applicant-key';

describe('the applicant key (an applicant\'s applications in a calendar month, 国办函〔2020〕109号 第四条)', () => {
  const keyer = new ApplicantKeyer('local-development-key-not-for-production');

  it('one identity document written in different ways is one applicant', () => {
    const id = keyer.keyOf({ type: 'resident_id_card', number: '11010119900307123X' });
    expect(keyer.keyOf({ type: 'resident_id_card', number: '11010119900307123x' })).toBe(id);
    expect(keyer.keyOf({ type: 'resident_id_card', number: '110101-19900307-123X' })).toBe(id);
    expect(keyer.keyOf({ type: 'resident_id_card', number: '１１０１０１１９９００３０７１２３Ｘ' })).toBe(id);
  });

  it('a 15-digit identity card number is the same person as its 18-digit form', () => {
    // GB 11643 sample 11010519491231002X: its 15-digit form is 110105 491231 002 (check character X computed, not guessed)
    expect(normalisedIdentity('resident_id_card', '110105491231002')).toBe('resident_id_card:11010519491231002X');
    expect(keyer.keyOf({ type: 'resident_id_card', number: '110105491231002' })).toBe(keyer.keyOf({ type: 'resident_id_card', number: '11010519491231002x' }));
    expect(normalisedIdentity('resident_id_card', '110101900307123')).toBe('resident_id_card:110101199003071233');
    // 15 digits of another document type are left as they are
    expect(normalisedIdentity('other', '110105491231002')).toBe('other:110105491231002');
  });

  it('another number, another type, another data key: another applicant key', () => {
    const id = keyer.keyOf({ type: 'resident_id_card', number: '11010119900307123X' });
    expect(keyer.keyOf({ type: 'resident_id_card', number: '110101199003071234' })).not.toBe(id);
    expect(keyer.keyOf({ type: 'passport', number: '11010119900307123X' })).not.toBe(id);
    expect(new ApplicantKeyer('another-data-key-of-16-chars').keyOf({ type: 'resident_id_card', number: '11010119900307123X' })).not.toBe(id);
  });

  it('is keyed: neither the number nor its plain hash can be read from it', () => {
    const number = '11010119900307123X';
    const key = keyer.keyOf({ type: 'resident_id_card', number });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(number);
    expect(key).not.toBe(createHash('sha256').update(`resident_id_card:${number}`).digest('hex'));
    expect(key).not.toBe(createHash('sha256').update(number).digest('hex'));
  });

  it('refuses a short data key', () => {
    expect(() => new ApplicantKeyer('short')).toThrow('at least 16');
  });

  it('the month of a receipt date', () => {
    expect(applicantMonthOf('2026-11-30')).toBe('2026-11');
    expect(applicantMonthOf('2027-01-01')).toBe('2027-01');
  });
});
