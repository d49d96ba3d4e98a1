import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Caller } from '@huiying/access';
import type { EventEnvelope, HotlineOrderStatusListDto, ReportReceivedV1 } from '@huiying/contracts';
import type { OutboxRelay } from '@huiying/messaging';
import { LEDGER_OUTBOX_RELAY, LOGGER } from '../infrastructure.module';
import { HotlineStatusRepository } from './hotline-status.repository';
import { distinctOrderNumbers, orderStatuses, sourceRefOf } from './hotline-status';

@Injectable()
export class HotlineStatusService {
  constructor(
    private readonly repo: HotlineStatusRepository,
    @Inject(LEDGER_OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** intake.reports.received.v1 → ledger.case_reports (every report, not only 12345 orders: a case's reports by source). */
  async onReportReceived(envelope: EventEnvelope<ReportReceivedV1>): Promise<void> {
    const r = envelope.data;
    const { recorded, replies } = await this.repo.record({
      reportId: r.reportId, caseId: r.caseId, sourceRef: r.sourceRef ?? null, channel: r.channel, jurisdiction: r.jurisdiction ?? null, receivedAt: r.receivedAt,
    });
    if (replies) this.relay.nudge();
    this.logger.debug({ reportId: r.reportId, caseId: r.caseId, channel: r.channel, recorded, hotlineReplies: replies }, 'report mapped to its case');
  }

  async statuses(orderNos: string[], caller: Caller): Promise<HotlineOrderStatusListDto> {
    const asked = distinctOrderNumbers(orderNos);
    const rows = await this.repo.bySourceRefs(asked.map(sourceRefOf));
    return { items: orderStatuses(asked, rows, caller) };
  }
}
