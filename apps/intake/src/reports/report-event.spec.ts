import { TOPICS } from '@huiying/contracts';
import { parseMessage, PoisonMessageError } from '@huiying/messaging';
import type { ReportEntity } from '@huiying/persistence';
import { reportReceivedEnvelope } from './report-event';

const report: ReportEntity = {
  id: '4f1c2d8e-3b6a-4c5d-9e7f-0a1b2c3d4e5f',
  caseId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  channel: 'hotline_12345',
  title: '幸福小区暖气不热',
  content: '来电反映幸福小区暖气不热，室内温度仅十二度左右。',
  category: 'housing',
  location: { district: '城关区', township: '东风街道' },
  occurredAt: new Date('2026-11-20T00:30:00Z'),
  receivedAt: new Date('2026-11-20T01:00:00Z'),
  sourceRef: '12345:GD20261120001',
  reporterEncrypted: 'v1.secret',
  createdAt: new Date('2026-11-20T01:00:00Z'),
};
const parse = (envelope: object) => parseMessage(TOPICS.reportReceived, report.caseId, Buffer.from(JSON.stringify(envelope)));

describe('intake.reports.received.v1 of a stored report', () => {
  it('is keyed and addressed by the case, id report:<reportId>, no personal data, no grouping for the report that opened the case', async () => {
    const env = reportReceivedEnvelope(report, '/huiying/intake', null);
    expect(env).toMatchObject({ id: `report:${report.id}`, subject: report.caseId, time: '2026-11-20T01:00:00.000Z', source: '/huiying/intake' });
    expect(JSON.stringify(env)).not.toContain('v1.secret');
    const parsed = await parse(env);
    expect(parsed.data).toMatchObject({ reportId: report.id, caseId: report.caseId, channel: 'hotline_12345', sourceRef: '12345:GD20261120001' });
    expect(parsed.data.grouping).toBeUndefined();
  });

  it('carries the grouping of a report that joined an open case, and consumers validate it', async () => {
    const grouping = { reason: 'near_duplicate' as const, similarity: 0.586, groupedWithReportId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', groupSize: 2 };
    const parsed = await parse(reportReceivedEnvelope(report, '/huiying/intake/hotline', grouping));
    expect(parsed.data.grouping).toEqual(grouping);
    const bad = reportReceivedEnvelope(report, '/huiying/intake', { ...grouping, reason: 'same_vibes' as never, groupSize: 1 });
    await expect(parse(bad)).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(parse(bad)).rejects.toThrow(/grouping\.reason.*|grouping\.groupSize/);
  });
});
