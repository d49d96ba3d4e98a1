// Kafka topics: <domain>.<entity>.<action>.<version>; every topic has a dead-letter twin "dlq.<topic>".
// deploy/local/kafka/topics.txt, docker-compose.yml and deploy/k8s create the same list.
export const TOPICS = {
  reportReceived: 'intake.reports.received.v1',
  reportUpdated: 'intake.reports.updated.v1',
  disclosureApplicationReceived: 'intake.disclosure-applications.received.v1',
  caseEvents: 'cases.events.v1',
  publicationRequested: 'publication.requested.v1',
  calendarUpdated: 'calendar.updated.v1',
  hotlineWorkOrders: 'hotline.work-orders.v1',
  bulletinPublished: 'ledger.bulletins.published.v1',
  hotlineWorkOrderReplies: 'hotline.work-order-replies.v1',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export function deadLetterTopic(topic: Topic): string {
  return `dlq.${topic}`;
}

/** Event types carried in the envelope's `type`. */
export const EVENT_TYPES = {
  reportReceived: 'huiying.intake.report.received.v1',
  reportUpdated: 'huiying.intake.report.updated.v1',
  disclosureApplicationReceived: 'huiying.intake.disclosure-application.received.v1',
  caseStageChanged: 'huiying.case.stage.changed.v1',
  calendarUpdated: 'huiying.calendar.updated.v1',
  publicationRequested: 'huiying.publication.requested.v1',
  hotlineWorkOrder: 'huiying.hotline.work-order.v1',
  bulletinPublished: 'huiying.ledger.bulletin.published.v1',
  hotlineWorkOrderReply: 'huiying.hotline.work-order-reply.v1',
} as const;

/** Headers set on dead-lettered messages. */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  consumerGroup: 'x-dlq-consumer-group',
  failedAt: 'x-dlq-failed-at',
} as const;
