import { HOTLINE_SOURCE_PREFIX, type HotlineWorkOrderDto } from '@huiying/contracts';

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
