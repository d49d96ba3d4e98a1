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

describe('case activities', () => {
  const published: { topic: string; envelope: { id: string; subject: string; type: string; data: unknown } }[] = [];
  const producer = { publish: async (topic: string, envelope: never) => void published.push({ topic, envelope }) } as unknown as TypedProducer;
  const logger = { info() {} } as unknown as Logger;
  const activities = createCaseActivities(producer, logger, () => new Date('2026-11-20T01:30:01.000Z'));

  beforeEach(() => {
    published.length = 0;
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
});
