import { LabelledCounter, renderPrometheus } from './metrics';

describe('Prometheus text rendering', () => {
  it('renders HELP, TYPE and labelled samples, escaping label values', () => {
    const text = renderPrometheus([
      { name: 'huiying_kafka_consumer_lag', help: 'lag', type: 'gauge', samples: [{ labels: { topic: 'a.b', partition: 0 }, value: 12 }, { labels: { topic: 'q"x', partition: 1 }, value: 0 }] },
    ]);
    expect(text).toBe(
      '# HELP huiying_kafka_consumer_lag lag\n# TYPE huiying_kafka_consumer_lag gauge\n' +
        'huiying_kafka_consumer_lag{topic="a.b",partition="0"} 12\nhuiying_kafka_consumer_lag{topic="q\\"x",partition="1"} 0\n',
    );
  });

  it('counts per label set', () => {
    const c = new LabelledCounter('x_total', 'x');
    c.inc({ source: 'kafka', result: 'accepted' });
    c.inc({ result: 'accepted', source: 'kafka' }, 2);
    c.inc({ source: 'batch', result: 'rejected' });
    expect(c.metric().samples).toEqual([
      { labels: { source: 'kafka', result: 'accepted' }, value: 3 },
      { labels: { source: 'batch', result: 'rejected' }, value: 1 },
    ]);
  });
});
