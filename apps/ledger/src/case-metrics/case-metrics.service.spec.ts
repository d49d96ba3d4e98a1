import { createMetricsRegistry } from '@huiying/platform';
import type { CaseFigures, CaseMetricsRepository } from './case-metrics.repository';
import { CASE_FIGURES_TTL_MS, CaseMetricsService } from './case-metrics.service';

const FIGURES: CaseFigures = {
  open: [
    { kind: 'opinion', stage: 'routed', count: 4 },
    { kind: 'disclosure', stage: 'registered', count: 2 },
  ],
  dueNextHour: [{ kind: 'opinion', department: 'housing_urban_rural', count: 3 }],
  overdue: [
    { department: 'housing_urban_rural', count: 1 },
    { department: null, count: 2 },
  ],
};

function setUp(figures: () => Promise<CaseFigures>) {
  let now = Date.parse('2026-11-20T08:00:00Z');
  const asked: Date[] = [];
  const repo = { figures: async (at: Date) => (asked.push(at), figures()) } as unknown as CaseMetricsRepository;
  const registry = createMetricsRegistry();
  new CaseMetricsService(repo, registry, () => now);
  return { registry, asked, advance: (ms: number) => (now += ms) };
}

describe('the ledger\'s case gauges', () => {
  it('render open cases by kind and stage, clocks due within the hour and overdue cases by department', async () => {
    const { registry, asked } = setUp(async () => FIGURES);
    const text = await registry.metrics();
    expect(text).toContain('huiying_cases_open{kind="opinion",stage="routed"} 4');
    expect(text).toContain('huiying_cases_open{kind="disclosure",stage="registered"} 2');
    expect(text).toContain('huiying_case_clocks_due_next_hour{kind="opinion",department="housing_urban_rural"} 3');
    expect(text).toContain('huiying_cases_overdue{department="housing_urban_rural"} 1');
    expect(text).toContain('huiying_cases_overdue{department="none"} 2');
    expect(text).toContain('huiying_case_figures_up 1');
    // one count of the read model for the four families of a scrape
    expect(asked).toEqual([new Date('2026-11-20T08:00:00Z')]);
  });

  it('count the read model again only once the figures are older than the cache', async () => {
    const { registry, asked, advance } = setUp(async () => FIGURES);
    await registry.metrics();
    advance(CASE_FIGURES_TTL_MS - 1);
    await registry.metrics();
    expect(asked).toHaveLength(1);
    advance(2);
    await registry.metrics();
    expect(asked).toHaveLength(2);
  });

  it('say figures_up 0 and give no stale counts when the database does not answer', async () => {
    const { registry } = setUp(async () => Promise.reject(new Error('connection refused')));
    const text = await registry.metrics();
    expect(text).toContain('huiying_case_figures_up 0');
    expect(text).not.toMatch(/^huiying_cases_open\{/m);
  });
});
