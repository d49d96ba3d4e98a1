import chineseDays from 'chinese-days/dist/chinese-days.json';
import { YearCalendar, NamedDay } from './year-calendar';

/**
 * Built-in year data from the `chinese-days` package (its generated JSON: `holidays` and `workdays` maps
 * 'YYYY-MM-DD' → 'English name,中文名,days'). Converted once, at module load, into our own plain records; no
 * function of the package is called (they parse dates in the machine's local time zone).
 */
export const CHINESE_DAYS_SOURCE = 'chinese-days@1.5.7';

type DayMap = Readonly<Record<string, string>>;

function toNamedDay(date: string, label: string): NamedDay {
  const [nameEn, name] = label.split(',');
  return { date, name: name ?? label, ...(nameEn ? { nameEn } : {}) };
}

export function yearsFromChineseDays(data: { holidays: DayMap; workdays: DayMap }, source: string): YearCalendar[] {
  const byYear = new Map<number, { holidays: NamedDay[]; makeUpWorkdays: NamedDay[] }>();
  const bucket = (date: string) => {
    const year = Number(date.slice(0, 4));
    let b = byYear.get(year);
    if (!b) {
      b = { holidays: [], makeUpWorkdays: [] };
      byYear.set(year, b);
    }
    return b;
  };
  for (const [date, label] of Object.entries(data.holidays)) bucket(date).holidays.push(toNamedDay(date, label));
  for (const [date, label] of Object.entries(data.workdays)) bucket(date).makeUpWorkdays.push(toNamedDay(date, label));
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, b]) => ({
      year,
      holidays: b.holidays.sort((x, y) => x.date.localeCompare(y.date)),
      makeUpWorkdays: b.makeUpWorkdays.sort((x, y) => x.date.localeCompare(y.date)),
      source,
      reference: `国务院办公厅关于${year}年部分节假日安排的通知 (as packaged by ${source})`,
    }));
}

export const CHINESE_DAYS_YEARS: readonly YearCalendar[] = yearsFromChineseDays(
  chineseDays as { holidays: DayMap; workdays: DayMap },
  CHINESE_DAYS_SOURCE,
);
