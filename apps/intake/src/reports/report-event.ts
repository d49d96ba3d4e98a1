// The intake.reports.received.v1 event of a stored report (pure; the REST, gRPC and 12345 paths all use it).
import { EVENT_TYPES, makeEnvelope, type Channel, type EventEnvelope, type ReportGroupingV1, type ReportReceivedV1 } from '@huiying/contracts';
import type { ReportEntity } from '@huiying/persistence';

export function reportReceivedEnvelope(report: ReportEntity, source: string, grouping: ReportGroupingV1 | null): EventEnvelope<ReportReceivedV1> {
  const data: ReportReceivedV1 = {
    reportId: report.id,
    caseId: report.caseId,
    channel: report.channel as Channel,
    title: report.title,
    content: report.content,
    category: report.category,
    location: { ...report.location },
    occurredAt: report.occurredAt.toISOString(),
    receivedAt: report.receivedAt.toISOString(),
    ...(report.discoveredAt ? { discoveredAt: report.discoveredAt.toISOString() } : {}),
    ...(report.jurisdiction ? { jurisdiction: report.jurisdiction } : {}),
    ...(report.sourceRef ? { sourceRef: report.sourceRef } : {}),
    ...(grouping ? { grouping } : {}),
  };
  return makeEnvelope({
    id: `report:${report.id}`,
    type: EVENT_TYPES.reportReceived,
    source,
    time: report.receivedAt.toISOString(),
    subject: report.caseId,
    data,
  });
}
