import { TOPICS } from './topics';
import { ReportReceivedV1 } from './events/report-received.event';
import { ReportUpdatedV1 } from './events/report-updated.event';
import { CaseStageChangedV1 } from './events/case-stage-changed.event';
import { CalendarUpdatedV1 } from './events/calendar-updated.event';
import { DisclosureApplicationReceivedV1 } from './events/disclosure-application-received.event';
import { PublicationRequestedV1 } from './events/publication-requested.event';
import { HotlineWorkOrderV1 } from './events/hotline-work-order.event';
import { BulletinPublishedV1 } from './events/bulletin-published.event';
import { HotlineWorkOrderReplyV1 } from './events/hotline-work-order-reply.event';

/** topic → payload class. Producing the wrong payload for a topic does not compile. */
export interface EventMap {
  [TOPICS.reportReceived]: ReportReceivedV1;
  [TOPICS.reportUpdated]: ReportUpdatedV1;
  [TOPICS.caseEvents]: CaseStageChangedV1;
  [TOPICS.calendarUpdated]: CalendarUpdatedV1;
  [TOPICS.disclosureApplicationReceived]: DisclosureApplicationReceivedV1;
  [TOPICS.publicationRequested]: PublicationRequestedV1;
  [TOPICS.hotlineWorkOrders]: HotlineWorkOrderV1;
  [TOPICS.bulletinPublished]: BulletinPublishedV1;
  [TOPICS.hotlineWorkOrderReplies]: HotlineWorkOrderReplyV1;
}
export type MappedTopic = keyof EventMap;

export const PAYLOAD_CLASSES: { [K in MappedTopic]: new () => EventMap[K] } = {
  [TOPICS.reportReceived]: ReportReceivedV1,
  [TOPICS.reportUpdated]: ReportUpdatedV1,
  [TOPICS.caseEvents]: CaseStageChangedV1,
  [TOPICS.calendarUpdated]: CalendarUpdatedV1,
  [TOPICS.disclosureApplicationReceived]: DisclosureApplicationReceivedV1,
  [TOPICS.publicationRequested]: PublicationRequestedV1,
  [TOPICS.hotlineWorkOrders]: HotlineWorkOrderV1,
  [TOPICS.bulletinPublished]: BulletinPublishedV1,
  [TOPICS.hotlineWorkOrderReplies]: HotlineWorkOrderReplyV1,
};
