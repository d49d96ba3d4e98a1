import { IsoDate } from './iso-date';

/** One named day of a year's State Council holiday notice. */
export interface NamedDay {
  readonly date: IsoDate;
  /** Chinese name of the holiday it belongs to, e.g. '春节'. */
  readonly name: string;
  /** English name, when known. */
  readonly nameEn?: string;
}

/**
 * The official working-day data of one year: the days off (放假) and the make-up working days (调休上班) of the
 * State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知). Plain data, storable as JSON.
 */
export interface YearCalendar {
  readonly year: number;
  /** Every day off of the notice, weekend days inside a holiday period included where the source lists them. */
  readonly holidays: readonly NamedDay[];
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: readonly NamedDay[];
  /** Where the data comes from, e.g. 'chinese-days@1.5.7' or 'admin:<user>'. */
  readonly source: string;
  /** The notice it restates, e.g. '国办发明电〔2025〕7号' or its title/URL. */
  readonly reference: string;
}
