import { EVENT_TYPES, HOTLINE_SOURCE_PREFIX, makeEnvelope, TOPICS, type HotlineWorkOrderDto, type ReportUpdatedV1 } from '@huiying/contracts';

/** What a work order becomes: a report of channel hotline_12345 with sourceRef `12345:<orderNo>`. */
export interface WorkOrderReport {
  sourceRef: string;
  channel: 'hotline_12345';
  title: string;
  content: string;
  category: string;
  location: Record<string, string>;
  occurredAt: Date;
  /** Caller contact for the report's encrypted reporter field (personal data). */
  reporter: { name?: string; phone?: string } | null;
}

export function workOrderSourceRef(orderNo: string): string {
  return `${HOTLINE_SOURCE_PREFIX}${orderNo}`;
}

const compact = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;

export function workOrderToReport(o: HotlineWorkOrderDto): WorkOrderReport {
  const caller = o.caller ? compact({ name: o.caller.name, phone: o.caller.phone }) : {};
  return {
    sourceRef: workOrderSourceRef(o.orderNo),
    channel: 'hotline_12345',
    title: o.title,
    content: o.content,
    category: o.category ?? 'other',
    location: compact({ district: o.location.district, township: o.location.township, address: o.location.address }) as Record<string, string>,
    occurredAt: new Date(o.callTime),
    reporter: Object.keys(caller).length ? caller : null,
  };
}

/** The work order as stored in a revision snapshot: everything but the caller (kept encrypted apart). */
export function workOrderSnapshot(o: HotlineWorkOrderDto): Record<string, unknown> {
  const { caller: _caller, ...rest } = o;
  return JSON.parse(JSON.stringify({ ...rest, urgency: o.urgency ?? 'normal', revision: o.revision ?? 1 })) as Record<string, unknown>;
}

/** Fields that differ between two revisions (snapshots plus whether the caller changed). */
export function changedFields(previous: Record<string, unknown>, next: Record<string, unknown>, callerChanged: boolean): string[] {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter((k) => k !== 'revision');
  const changed = keys.filter((k) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(next[k] ?? null));
  if (callerChanged) changed.push('caller');
  return changed.sort();
}

/** The outbox row of intake.reports.updated.v1 for a later revision of a known work order (no personal data). */
export interface ReportUpdatedOutboxRow {
  eventId: string;
  topic: typeof TOPICS.reportUpdated;
  messageKey: string;
  payload: Record<string, unknown>;
}

/**
 * intake.reports.updated.v1 for a work order's later revision: the report's current non-personal fields, the
 * revision and the names of the changed fields ('caller' only as a name). Envelope id
 * `report-updated:<reportId>:<revision>`, keyed by case id, so a retried transaction or a redelivery is one event.
 */
export function reportUpdatedOutbox(
  stored: { reportId: string; caseId: string; revision: number },
  order: HotlineWorkOrderDto,
  changed: string[],
  now: Date,
): ReportUpdatedOutboxRow {
  const report = workOrderToReport(order);
  const revision = order.revision ?? 1;
  const data: ReportUpdatedV1 = {
    reportId: stored.reportId,
    caseId: stored.caseId,
    revision,
    previousRevision: stored.revision,
    changedFields: [...changed],
    channel: report.channel,
    title: report.title,
    content: report.content,
    category: report.category,
    location: { ...report.location },
    occurredAt: report.occurredAt.toISOString(),
    urgency: order.urgency ?? 'normal',
    sourceRef: report.sourceRef,
    updatedAt: now.toISOString(),
  };
  const envelope = makeEnvelope({
    id: `report-updated:${stored.reportId}:${revision}`,
    type: EVENT_TYPES.reportUpdated,
    source: '/huiying/intake/hotline',
    time: now.toISOString(),
    subject: stored.caseId,
    data,
  });
  return { eventId: envelope.id, topic: TOPICS.reportUpdated, messageKey: stored.caseId, payload: envelope as unknown as Record<string, unknown> };
}
