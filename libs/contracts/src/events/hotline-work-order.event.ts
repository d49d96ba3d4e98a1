import { HotlineWorkOrderDto } from '../rest/hotline.dto';

/**
 * hotline.work-orders.v1 — produced by the 12345 hotline platform: one work order per message, in the standard
 * envelope (type huiying.hotline.work-order.v1), keyed and subject = orderNo. Consumed by intake; what fails validation
 * goes to dlq.hotline.work-orders.v1 with the reason. The payload is the same contract as the batch endpoint's items
 * (JSON Schema: libs/contracts/schemas/hotline-work-order.v1.schema.json).
 */
export class HotlineWorkOrderV1 extends HotlineWorkOrderDto {}
