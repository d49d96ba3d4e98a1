/** Prometheus text exposition (format 0.0.4) without a client library: gauges and counters with labels. */
export interface MetricSample {
  labels: Record<string, string | number>;
  value: number;
}

export interface Metric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: MetricSample[];
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeLabel = (v: string | number): string => String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function renderPrometheus(metrics: Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# HELP ${m.name} ${m.help.replace(/\n/g, ' ')}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      lines.push(`${m.name}${labels.length ? `{${labels.join(',')}}` : ''} ${Number.isFinite(s.value) ? s.value : 'NaN'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A counter with labels kept in memory since the process started. */
export class LabelledCounter {
  private readonly values = new Map<string, { labels: Record<string, string>; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Record<string, string>, by = 1): void {
    const key = JSON.stringify(Object.entries(labels).sort());
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  metric(): Metric {
    return { name: this.name, help: this.help, type: 'counter', samples: [...this.values.values()].map((v) => ({ labels: v.labels, value: v.value })) };
  }
}
