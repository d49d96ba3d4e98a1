import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ALL_JURISDICTIONS, AccessException, AccessExceptionCode, type Caller } from '@huiying/access';
import { monthsEndingWith, parseReportingPeriod, type ReportingPeriod } from '@huiying/calendar';
import {
  EVENT_TYPES,
  makeEnvelope,
  TOPICS,
  type BulletinKind,
  type BulletinListQueryDto,
  type BulletinPublishedV1,
  type BulletinSummaryDto,
  type BulletinViewDto,
  type GeneratedBulletinDto,
} from '@huiying/contracts';
import { OutboxRelay } from '@huiying/messaging';
import { chineseFontPath } from '@huiying/platform';
import { LEDGER_OUTBOX_RELAY, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { MonthlyStatisticsRepository } from '../statistics/monthly-statistics.repository';
import { renderBulletinCharts } from './bulletin-charts';
import { buildBulletinDocument } from './bulletin-document';
import { buildBulletinFigures, TREND_MONTHS } from './bulletin-figures';
import { BulletinException, BulletinExceptionCode } from './bulletin.exception';
import { renderBulletinHtml } from './bulletin.html';
import { renderBulletinPdf } from './bulletin.pdf';
import { BulletinRepository, type StoredBulletinMeta } from './bulletin.repository';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Who asked: the schedule (no caller) or a calling system. */
export type BulletinRequester = { schedule: true } | { caller: Caller };

/**
 * Bulletins (季通报/月报). Reproducibility: a bulletin is made only of a period that has ended, and its figures are
 * computed again on every request from the ledger's read model. The same figures as the latest stored revision → that
 * bulletin is returned as it is (same id, same bytes, no new event); different figures (events of the period that
 * reached the ledger after the last generation) → a new revision is stored beside the old one and published.
 */
@Injectable()
export class BulletinService {
  private readonly fontPath: string;

  constructor(
    private readonly repo: BulletinRepository,
    private readonly cases: MonthlyStatisticsRepository,
    @Inject(LEDGER_OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    config: LedgerConfig,
  ) {
    this.fontPath = config.BULLETIN_FONT_PATH ?? chineseFontPath();
  }

  async generate(kind: BulletinKind, periodCode: string, jurisdiction: string, by: BulletinRequester, now = new Date()): Promise<GeneratedBulletinDto> {
    if ('caller' in by) this.checkReach(by.caller, jurisdiction);
    const period = parseReportingPeriod(kind, periodCode);
    if (!period) throw new BulletinException(BulletinExceptionCode.PeriodNotEnded, `period ${periodCode} is not a ${kind} period`, 'period');
    if (Date.parse(period.to) > now.getTime()) {
      throw new BulletinException(BulletinExceptionCode.PeriodNotEnded, `period ${periodCode} has not ended yet (it ends at ${period.to}); a bulletin is made of a whole period`, 'period');
    }
    for (let attempt = 0; ; attempt++) {
      const figures = await this.figures(period, jurisdiction);
      const figuresSha256 = sha256(JSON.stringify(figures));
      const latest = await this.repo.latest(kind, period.period, jurisdiction);
      if (latest && latest.figuresSha256 === figuresSha256) return { ...this.summary(latest), figures: figures as unknown as Record<string, unknown>, created: false };
      const stored = await this.store(period, jurisdiction, figures, figuresSha256, (latest?.revision ?? 0) + 1, 'caller' in by ? by.caller.systemId : 'schedule', now);
      if (stored) return { ...this.summary(stored), figures: figures as unknown as Record<string, unknown>, created: true };
      if (attempt >= 2) throw new Error(`bulletin ${kind} ${period.period} ${jurisdiction}: concurrent generations kept storing other figures`);
    }
  }

  private async figures(period: ReportingPeriod, jurisdiction: string) {
    // the trend window covers the previous period; the monthly statistics repository reads exactly what its fold needs
    const first = monthsEndingWith(period.months[period.months.length - 1] as string, TREND_MONTHS)[0] as string;
    const from = parseReportingPeriod('monthly', first)?.from as string;
    const histories = await this.cases.casesForMonth(new Date(from), new Date(period.to), { jurisdiction, department: null });
    return buildBulletinFigures(period, jurisdiction, histories);
  }

  private async store(period: ReportingPeriod, jurisdiction: string, figures: ReturnType<typeof buildBulletinFigures>, figuresSha256: string, revision: number, generatedBy: string, now: Date): Promise<StoredBulletinMeta | null> {
    const generatedAt = now.toISOString();
    const doc = buildBulletinDocument(figures, renderBulletinCharts(figures), generatedAt);
    const html = renderBulletinHtml(doc);
    const pdf = await renderBulletinPdf(doc, this.fontPath, now);
    const id = randomUUID();
    const named = figures.namedCases.map((c) => ({ caseId: c.caseId, department: c.department, clock: c.clock, lateSeconds: c.lateSeconds }));
    const b = {
      id, kind: period.kind, period: period.period, jurisdiction, revision, title: doc.title, generatedAt: now, generatedBy,
      figures, figuresSha256, html, htmlSha256: sha256(Buffer.from(html, 'utf8')), pdf, pdfSha256: sha256(pdf),
    };
    const event: BulletinPublishedV1 = {
      bulletinId: id, kind: b.kind, period: b.period, jurisdiction, revision, generatedAt, pdfSha256: b.pdfSha256, htmlSha256: b.htmlSha256, figuresSha256, namedCases: named,
    };
    const key = `bulletin:${b.kind}:${b.period}:${jurisdiction}`;
    const envelope = makeEnvelope({ id: `bulletin:${id}`, type: EVENT_TYPES.bulletinPublished, source: '/huiying/ledger', time: generatedAt, subject: key, data: event });
    const ok = await this.repo.insert({ ...b, notices: named, outbox: { eventId: envelope.id, topic: TOPICS.bulletinPublished, messageKey: key, payload: envelope } });
    if (!ok) return null;
    this.relay.nudge();
    this.logger.info({ bulletinId: id, kind: b.kind, period: b.period, jurisdiction, revision, namedCases: named.length, generatedBy }, 'bulletin stored and published');
    return { ...b, pdfBytes: pdf.length };
  }

  async list(q: BulletinListQueryDto, caller: Caller): Promise<BulletinSummaryDto[]> {
    const jurisdiction = this.readableJurisdiction(caller, q.jurisdiction);
    return (await this.repo.list({ kind: q.kind, period: q.period, jurisdiction })).map((m) => this.summary(m));
  }

  async view(id: string, caller: Caller): Promise<BulletinViewDto> {
    const m = await this.found(id, caller);
    return { ...this.summary(m), figures: (await this.repo.figures(id)) ?? {} };
  }

  async html(id: string, caller: Caller): Promise<{ meta: StoredBulletinMeta; html: string }> {
    const meta = await this.found(id, caller);
    return { meta, html: (await this.repo.html(id)) ?? '' };
  }

  async pdf(id: string, caller: Caller): Promise<{ meta: StoredBulletinMeta; pdf: Buffer }> {
    const meta = await this.found(id, caller);
    return { meta, pdf: (await this.repo.pdf(id)) ?? Buffer.alloc(0) };
  }

  private async found(id: string, caller: Caller): Promise<StoredBulletinMeta> {
    const m = await this.repo.meta(id);
    if (!m) throw new BulletinException(BulletinExceptionCode.BulletinNotFound, `no bulletin ${id}`);
    this.checkReach(caller, m.jurisdiction);
    return m;
  }

  /**
   * A bulletin covers every department of a jurisdiction: department keys are refused (as for the daily log and the
   * annual report); a supervisor or system reads and generates its own jurisdiction's, a key reaching '*' any.
   */
  private checkReach(caller: Caller, jurisdiction: string): void {
    if (caller.kind === 'department') {
      throw new AccessException(AccessExceptionCode.OutOfReach, `system ${caller.systemId} is a department: bulletins cover every department of a jurisdiction`);
    }
    if (caller.jurisdiction !== ALL_JURISDICTIONS && caller.jurisdiction !== jurisdiction) {
      throw new AccessException(AccessExceptionCode.OutOfReach, `system ${caller.systemId} may read only the bulletins of jurisdiction ${caller.jurisdiction}`);
    }
  }

  private readableJurisdiction(caller: Caller, asked: string | undefined): string | null {
    if (asked !== undefined) {
      this.checkReach(caller, asked);
      return asked;
    }
    this.checkReach(caller, caller.jurisdiction ?? '');
    return caller.jurisdiction === ALL_JURISDICTIONS ? null : (caller.jurisdiction ?? null);
  }

  private summary(m: StoredBulletinMeta): BulletinSummaryDto {
    return {
      id: m.id, kind: m.kind, period: m.period, jurisdiction: m.jurisdiction, revision: m.revision, generatedAt: m.generatedAt.toISOString(),
      generatedBy: m.generatedBy, title: m.title, figuresSha256: m.figuresSha256, htmlSha256: m.htmlSha256, pdfSha256: m.pdfSha256, pdfBytes: m.pdfBytes,
      links: { html: `/v1/bulletins/${m.id}.html`, pdf: `/v1/bulletins/${m.id}.pdf` },
    };
  }
}
