import { YearCalendar } from '../year-calendar';

/**
 * Year data shaped like an administrator's upload of the 2027 notice. TEST DATA ONLY: the dates are plausible
 * (New Year's Day 2027 is a Friday), not copied from a published notice.
 */
export const YEAR_2027_TEST_DATA: YearCalendar = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  makeUpWorkdays: [{ date: '2027-01-30', name: '春节' }],
  source: 'admin:test',
  reference: '国务院办公厅关于2027年部分节假日安排的通知 (test data)',
};
