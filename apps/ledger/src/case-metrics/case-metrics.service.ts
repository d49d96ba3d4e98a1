import type { Registry } from 'prom-client';
import { gauge, sharedMeasurement, withinScrapeTime } from '@huiying/platform';
import type { CaseMetricsRepository, CaseFigures } from './case-metrics.repository';

/** How long one count of the read model serves scrapes (several Prometheus servers, dashboards refreshing). */
export const CASE_FIGURES_TTL_MS = 10_000;

/** A case without a lead department yet (not routed) is counted under this label. */
export const NO_DEPARTMENT = 'none';

/**
 * Business gauges of the ledger, from its read model, counted at scrape time at most every CASE_FIGURES_TTL_MS:
 * - `huiying_cases_open{kind,stage}` — open cases;
 * - `huiying_case_clocks_due_next_hour{kind,department}` — clocks of open cases due within the next hour;
 * - `huiying_cases_overdue{department}` — open cases past a deadline (督办).
 * Labels are codes of bounded sets (2 kinds, the stages, the department directory); no case id or personal data.
 * `huiying_case_figures_up` says whether the read model could be counted at the last scrape.
 */
export class CaseMetricsService {
  private cached?: { at: number; figures: CaseFigures };

  constructor(
    private readonly repo: CaseMetricsRepository,
    registry: Registry,
    private readonly clock: () => number = Date.now,
  ) {
    const measure = sharedMeasurement(async () => {
      open.reset();
      due.reset();
      overdue.reset();
      try {
        const f = await this.figures();
        for (const r of f.open) open.set({ kind: r.kind, stage: r.stage }, r.count);
        for (const r of f.dueNextHour) due.set({ kind: r.kind, department: r.department ?? NO_DEPARTMENT }, r.count);
        for (const r of f.overdue) overdue.set({ department: r.department ?? NO_DEPARTMENT }, r.count);
        up.set(1);
      } catch {
        up.set(0);
      }
    });
    const open = gauge(registry, { name: 'huiying_cases_open', help: 'Open cases (not closed, evaluated, replied, abandoned or archived) by kind and stage', labelNames: ['kind', 'stage'] as const, collect: measure });
    const due = gauge(registry, {
      name: 'huiying_case_clocks_due_next_hour',
      help: 'Deadline clocks of open cases due within the next hour, by kind and lead department',
      labelNames: ['kind', 'department'] as const,
      collect: measure,
    });
    const overdue = gauge(registry, { name: 'huiying_cases_overdue', help: 'Open cases past a deadline (escalated, 督办) by lead department', labelNames: ['department'] as const, collect: measure });
    const up = gauge(registry, { name: 'huiying_case_figures_up', help: 'Whether the ledger read model could be counted at this scrape (1) or not (0)', collect: measure });
  }

  private async figures(): Promise<CaseFigures> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < CASE_FIGURES_TTL_MS) return this.cached.figures;
    const figures = await withinScrapeTime(this.repo.figures(new Date(now)));
    this.cached = { at: now, figures };
    return figures;
  }
}
