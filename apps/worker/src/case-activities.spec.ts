import type { Logger } from 'pino';
import { EVENT_TYPES, TOPICS, type CaseStageChange } from '@huiying/contracts';
import type { TypedProducer } from '@huiying/messaging';
import { parseMessage } from '@huiying/messaging';
import { createCaseActivities } from './case-activities';

const event = (over: Partial<CaseStageChange> = {}): CaseStageChange => ({
  caseId: '6f1c1f7e-8d6a-4a53-9a53-0c7e3f0b1a11',
  kind: 'opinion',
  sequence: 7,
  change: 'escalation',
  stage: 'claimed',
  previousStage: 'claimed',
  department: 'housing_urban_rural',
  ccDepartments: ['disclosure_office'],
  grade: 'especially_major',
  jurisdiction: 'seed-city',
  occurredAt: '2026-11-20T01:30:00.000Z',
  detail: { type: 'escalation', clock: 'first_release', level: 1, to: 'general_office' },
  ...over,
});

type Envelope = { id: string; subject: string; type: string; data: { sequence: number } };

describe('case activities', () => {
  const published: { topic: string; envelope: Envelope }[] = [];
  const sends: number[][] = [];
  const producer = {
    publishAll: async (topic: string, envelopes: Envelope[]) => {
      sends.push(envelopes.map((e) => e.data.sequence));
      for (const envelope of envelopes) published.push({ topic, envelope });
    },
  } as unknown as TypedProducer;
  const logger = { info() {}, warn() {} } as unknown as Logger;
  const activities = createCaseActivities(producer, logger, () => new Date('2026-11-20T01:30:01.000Z'));

  beforeEach(() => {
    published.length = 0;
    sends.length = 0;
  });

  it('publishes every case change to cases.events.v1 under the id <caseId>:<sequence>, so a retry is the same message', async () => {
    await activities.emitCaseEvent(event());
    await activities.emitCaseEvent(event());
    expect(published).toHaveLength(2);
    expect(published[0]!.topic).toBe(TOPICS.caseEvents);
    expect(published[0]!.envelope).toMatchObject({ id: '6f1c1f7e-8d6a-4a53-9a53-0c7e3f0b1a11:7', subject: '6f1c1f7e-8d6a-4a53-9a53-0c7e3f0b1a11', type: EVENT_TYPES.caseStageChanged });
    expect(published[1]!.envelope).toEqual(published[0]!.envelope);
  });

  it('produces messages the consumers accept, with the change type (escalation, reminder, …) and without one (older events)', async () => {
    await activities.emitCaseEvent(event());
    const { change: _omit, ...old } = event({ sequence: 2, change: undefined, stage: 'routed', previousStage: 'collected' });
    await activities.emitCaseEvent(old);
    for (const p of published) {
      const parsed = await parseMessage(TOPICS.caseEvents, p.envelope.subject, Buffer.from(JSON.stringify(p.envelope)));
      expect(parsed.data.caseId).toBe(p.envelope.subject);
    }
    const first = await parseMessage(TOPICS.caseEvents, null, Buffer.from(JSON.stringify(published[0]!.envelope)));
    expect(first.data).toMatchObject({ change: 'escalation', detail: { level: 1 } });
  });

  it('an unknown change type is refused by consumers', async () => {
    await activities.emitCaseEvent(event({ change: 'teleported' as never }));
    await expect(parseMessage(TOPICS.caseEvents, null, Buffer.from(JSON.stringify(published[0]!.envelope)))).rejects.toThrow(/change/);
  });

  it('emitCaseEvents sends a batch in one request, in sequence order, with the same ids as one by one', async () => {
    await activities.emitCaseEvents([event({ sequence: 9 }), event({ sequence: 8 })]);
    expect(sends).toEqual([[8, 9]]);
    expect(published.map((p) => p.envelope.id)).toEqual([`${event().caseId}:8`, `${event().caseId}:9`]);
  });
});

describe('case events as a local activity while Kafka is away', () => {
  let clock = Date.parse('2026-11-20T01:30:00.000Z');
  let mode: 'up' | 'down' | 'hang' = 'up';
  const calls: string[] = [];
  const producer = {
    publishAll: (_topic: string, envelopes: { data: { sequence: number } }[]) => {
      calls.push(`${mode}:${envelopes.map((e) => e.data.sequence).join(',')}`);
      if (mode === 'down') return Promise.reject(new Error('KafkaJSConnectionError'));
      if (mode === 'hang') return new Promise<void>(() => undefined);
      return Promise.resolve();
    },
  } as unknown as TypedProducer;
  const logger = { info() {}, warn() {} } as unknown as Logger;
  let local = true;
  const activities = createCaseActivities(producer, logger, () => new Date(clock), { isLocal: () => local, attemptMs: 20, pauseMs: 10_000 });

  it('a local attempt that fails or hangs pauses local attempts (they fail at once); the ordinary activity keeps trying; a success ends the pause', async () => {
    mode = 'hang';
    await expect(activities.emitCaseEvents([event({ sequence: 1 })])).rejects.toThrow(/no acknowledgement within 20 ms/);
    // paused: no publish tried
    mode = 'up';
    clock += 5_000;
    await expect(activities.emitCaseEvents([event({ sequence: 2 })])).rejects.toThrow(/left to the ordinary activity/);
    expect(calls).toEqual(['hang:1']);
    // the ordinary activity tries, fails, and extends the pause
    local = false;
    mode = 'down';
    await expect(activities.emitCaseEvents([event({ sequence: 1 })])).rejects.toThrow(/KafkaJSConnectionError/);
    clock += 9_000;
    local = true;
    await expect(activities.emitCaseEvents([event({ sequence: 2 })])).rejects.toThrow(/left to the ordinary activity/);
    // Kafka back: the ordinary activity succeeds, and local attempts run again at once
    local = false;
    mode = 'up';
    await activities.emitCaseEvents([event({ sequence: 1 })]);
    local = true;
    await activities.emitCaseEvents([event({ sequence: 2 })]);
    expect(calls).toEqual(['hang:1', 'down:1', 'up:1', 'up:2']);
  });

  it('without a failure the pause runs out by itself', async () => {
    mode = 'down';
    local = true;
    await expect(activities.emitCaseEvents([event({ sequence: 3 })])).rejects.toThrow(/KafkaJSConnectionError/);
    mode = 'up';
    clock += 10_001;
    await activities.emitCaseEvents([event({ sequence: 3 })]);
    expect(calls.slice(-2)).toEqual(['down:3', 'up:3']);
  });
});
