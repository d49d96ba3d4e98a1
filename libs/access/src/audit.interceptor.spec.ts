import { targetOf } from './audit.interceptor';

const CASE = '0b6d3c1e-7f2a-4c1e-9a4b-2f6e8d9c1a2b';

describe('audit target', () => {
  it('is the case a call names, else the case it created, else its other route parameter, else the id it created', () => {
    expect(targetOf({ caseId: CASE }, undefined, { id: 'x' })).toBe(CASE);
    expect(targetOf({}, undefined, { caseId: CASE, id: 'x' })).toBe(CASE);
    expect(targetOf({ grantId: 'g-1' }, false, { id: 'g-1' })).toBe('g-1');
    expect(targetOf({ systemId: 'housing-bureau' }, false, { id: 'key-uuid' })).toBe('housing-bureau');
    // a role grant or a calling system created by a POST without route parameters
    expect(targetOf({}, false, { id: '5a1f0c3e-0000-4000-8000-000000000001', personId: 'staff-1' })).toBe('5a1f0c3e-0000-4000-8000-000000000001');
    expect(targetOf({}, false, undefined)).toBeNull();
  });
});
