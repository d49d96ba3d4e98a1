import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { filter, Observable } from 'rxjs';
import type { Logger } from 'pino';
import { CASE_CHANGES, EVENT_TYPES, type CaseChange, type CaseListDto, type CaseStageChangedV1, type CaseViewDto, type EventEnvelope, type ListCasesQueryDto } from '@huiying/contracts';
import { AccessException, AccessExceptionCode, canReach, reachFilter, type Caller, type CaseFacts } from '@huiying/access';
import { LEDGER_OUTBOX_RELAY, LOGGER } from '../infrastructure.module';
import type { OutboxRelay } from '@huiying/messaging';
import { CaseException, CaseExceptionCode } from './case.exception';
import { bulletinNoticeEnvelope, isBulletinNotice } from './bulletin-notice';
import { CaseRepository, caseFactsOf, type HistoryRow } from './case.repository';
import { CaseEventHub } from './case-event-hub';

const DEFAULT_PAGE_SIZE = 50;

function encodeToken(createdAt: string, caseId: string): string {
  return Buffer.from(JSON.stringify([createdAt, caseId]), 'utf8').toString('base64url');
}

function decodeToken(token: string): { createdAt: string; caseId: string } {
  try {
    const [createdAt, caseId] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof caseId === 'string' && /^[0-9a-f-]{36}$/.test(caseId) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(createdAt)) {
      return { createdAt, caseId };
    }
  } catch {
    // fall through
  }
  throw new CaseException(CaseExceptionCode.InvalidPageToken, 'pageToken is not a token this API issued');
}

@Injectable()
export class CaseService implements OnApplicationBootstrap {
  constructor(
    private readonly repo: CaseRepository,
    private readonly hub: CaseEventHub,
    @Inject(LEDGER_OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Cases folded before the current fold (e.g. before overdue was kept) are folded again from their history, in the background. */
  onApplicationBootstrap() {
    void this.refoldOlder().catch((err) => this.logger.error({ err }, 'refolding older cases failed; it is retried at the next start'));
  }

  private async refoldOlder(): Promise<void> {
    let total = 0;
    for (;;) {
      const ids = await this.repo.casesToRefold(200);
      if (!ids.length) break;
      for (const id of ids) await this.repo.refoldCase(id);
      total += ids.length;
    }
    if (total) this.logger.info({ cases: total }, 'older cases refolded (overdue, escalations, channel, category)');
  }

  async onStageChanged(envelope: EventEnvelope<CaseStageChangedV1>): Promise<void> {
    const e = envelope.data;
    const { applied, replies } = await this.repo.applyStageChange(envelope.id, e);
    if (replies) this.relay.nudge(); // replies to 12345 work orders wait in the ledger outbox
    if (e.stage === 'evaluated' && e.previousStage !== 'evaluated' && typeof e.detail.lessons === 'string' && typeof e.detail.handlingCapacity === 'string') {
      await this.repo.saveEvaluation({
        caseId: e.caseId, lessons: e.detail.lessons, handlingCapacity: e.detail.handlingCapacity, evaluatedBy: String(e.detail.evaluatedBy ?? ''),
        evaluatedAt: e.occurredAt, grade: e.grade, department: e.department,
      });
    }
    this.logger.info({ caseId: e.caseId, stage: e.stage, change: e.change ?? 'stage', sequence: e.sequence, applied, ...(replies ? { hotlineReplies: replies } : {}) }, 'case event folded');
  }

  /** Cases within the caller's reach (a department: led, co-handled or copied; a supervisor: its jurisdiction). */
  async listCases(q: ListCasesQueryDto, caller: Caller): Promise<CaseListDto> {
    const limit = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repo.listCases(q, limit + 1, q.pageToken ? decodeToken(q.pageToken) : undefined, reachFilter(caller));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      cases: page.map((r) => ({
        caseId: r.case_id,
        kind: r.kind,
        stage: r.stage,
        department: r.department,
        ccDepartments: r.cc_departments,
        coDepartments: r.co_departments ?? [],
        grade: r.grade,
        jurisdiction: r.jurisdiction,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        overdue: r.overdue,
        escalationLevel: r.escalation_level,
        channel: r.channel,
        channels: r.channels ?? [],
        category: r.category,
        discoveredAt: r.discovered_at?.toISOString() ?? null,
        discoveredAtSource: r.discovered_at_source ?? null,
      })),
      nextPageToken: rows.length > limit && last ? encodeToken(last.cursor, last.case_id) : null,
    };
  }

  /**
   * A case's events (stored history after `afterSequence`, then live) or a department's live events (lead or copied).
   * Live events are subscribed before the history is read, so nothing falls between the two; each sequence once.
   * 通报 events (change `bulletin_notice`, sequence 0) have no place in the sequence: a department stream gets them
   * live like any event; a case stream gets the case's stored ones after its history (on every watch, whatever
   * `afterSequence`: they cannot be placed after a sequence) and new ones live, each event id once per stream.
   */
  watch(target: { caseId?: string; department?: string; afterSequence?: number }, caller: Caller): Observable<EventEnvelope<CaseStageChangedV1>> {
    // a department watches only its own department; a supervisor only the events of its jurisdiction (the case form is
    // checked by the access guard before this is called)
    if (target.department && caller.kind === 'department' && caller.department !== target.department) {
      throw new AccessException(AccessExceptionCode.OutOfReach, `system ${caller.systemId} may watch only department ${caller.department}`);
    }
    return new Observable((subscriber) => {
      if (target.department) {
        const dept = target.department;
        return this.hub.events$
          .pipe(
            filter((e) => e.data.department === dept || e.data.ccDepartments.includes(dept) || (e.data.coDepartments ?? []).includes(dept)),
            filter((e) => canReach(caller, eventFacts(e.data), 'read')),
          )
          .subscribe(subscriber);
      }
      const caseId = target.caseId as string;
      let lastSent = target.afterSequence ?? 0;
      const noticesSent = new Set<string>();
      let replaying = true;
      const buffered: EventEnvelope<CaseStageChangedV1>[] = [];
      const emit = (e: EventEnvelope<CaseStageChangedV1>) => {
        if (isBulletinNotice(e.data)) {
          if (noticesSent.has(e.id)) return;
          noticesSent.add(e.id);
        } else {
          if (e.data.sequence <= lastSent) return;
          lastSent = e.data.sequence;
        }
        subscriber.next(e);
      };
      const live = this.hub.events$.pipe(filter((e) => e.data.caseId === caseId)).subscribe({
        next: (e) => (replaying ? buffered.push(e) : emit(e)),
        error: (err) => subscriber.error(err),
      });
      Promise.all([this.repo.findCase(caseId), this.repo.noticesOf(caseId)])
        .then(([found, notices]) => {
          const recent = this.hub.recent(caseId);
          if (!found && !recent.length) throw new CaseException(CaseExceptionCode.CaseNotFound, `case ${caseId} is not in the ledger`);
          // what passed the hub (maybe not folded yet; complete events first), the stored history, what arrived meanwhile;
          // then the stored 通报 entries (a case is in the read model before a bulletin can name it)
          const stored = found ? found.history.map((h) => historyEnvelope(found.row.kind, found.row.jurisdiction, h)) : [];
          const storedNotices = found ? notices.map((n) => bulletinNoticeEnvelope(n, caseFactsOf(found.case))) : [];
          replaying = false;
          const [liveNotices, liveEvents] = partition(buffered, (e) => isBulletinNotice(e.data));
          [...recent, ...stored, ...liveEvents].sort((a, b) => a.data.sequence - b.data.sequence).forEach(emit);
          [...storedNotices, ...liveNotices].forEach(emit);
          buffered.length = 0;
        })
        .catch((err) => subscriber.error(err));
      return () => live.unsubscribe();
    });
  }

  async getCase(caseId: string): Promise<CaseViewDto> {
    const found = await this.repo.findCase(caseId);
    if (!found) throw new CaseException(CaseExceptionCode.CaseNotFound, `case ${caseId} is not in the ledger`);
    const { row, case: c, history } = found;
    const item = (h: HistoryRow) => ({
      sequence: h.sequence,
      change: h.change,
      stage: h.stage,
      previousStage: h.previousStage,
      department: h.department,
      occurredAt: h.occurredAt.toISOString(),
      detail: h.detail,
    });
    const [evaluation, notices] = await Promise.all([this.repo.findEvaluation(caseId), this.repo.noticesOf(caseId)]);
    return {
      caseId: row.caseId,
      kind: row.kind,
      stage: row.stage,
      department: row.department,
      ccDepartments: row.ccDepartments,
      coDepartments: row.coDepartments ?? [],
      grade: row.grade,
      jurisdiction: row.jurisdiction,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      history: history.filter((h) => h.change === 'stage').map(item),
      reminders: history.filter((h) => h.change === 'reminder').map(item),
      escalations: history.filter((h) => h.change === 'escalation').map(item),
      activity: history.filter((h) => !['stage', 'reminder', 'escalation'].includes(h.change)).map(item),
      supervision: {
        overdue: c.overdue,
        overdueClocks: c.overdue_clocks,
        escalationLevel: c.escalation_level,
        escalationCount: c.escalation_count,
        reminderCount: c.reminder_count,
        responseCount: c.response_count,
        lateResponseCount: c.late_response_count,
        firstResponseAt: c.first_response_at?.toISOString() ?? null,
        reportCount: c.report_count,
        channel: c.channel,
        channels: c.channels ?? [],
        category: c.category,
        territory: c.territory,
        discoveredAt: c.discovered_at?.toISOString() ?? null,
        discoveredAtSource: c.discovered_at_source ?? null,
        closedAt: c.closed_at?.toISOString() ?? null,
      },
      evaluation: evaluation
        ? {
            lessons: evaluation.lessons,
            handlingCapacity: evaluation.handling_capacity,
            evaluatedBy: evaluation.evaluated_by,
            evaluatedAt: evaluation.evaluated_at.toISOString(),
            grade: evaluation.grade,
            department: evaluation.department,
          }
        : null,
      notices: notices.map((n) => ({
        bulletinId: n.bulletinId, kind: n.kind, period: n.period, revision: n.revision, jurisdiction: n.jurisdiction, title: n.title,
        clock: n.clock, lateSeconds: n.lateSeconds, department: n.department, publishedAt: n.publishedAt,
      })),
    };
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((i) => !test(i))];
}

/** A stored history row as the event it was folded from (ccDepartments and grade are not kept per row). */
function historyEnvelope(kind: string, jurisdiction: string | null, h: HistoryRow): EventEnvelope<CaseStageChangedV1> {
  return {
    specversion: '1.0',
    datacontenttype: 'application/json',
    id: h.eventId,
    type: EVENT_TYPES.caseStageChanged,
    source: '/huiying/ledger/history',
    time: h.occurredAt.toISOString(),
    subject: h.caseId,
    data: {
      caseId: h.caseId,
      kind: kind as CaseStageChangedV1['kind'],
      sequence: h.sequence,
      stage: h.stage,
      previousStage: h.previousStage,
      department: h.department,
      ccDepartments: [],
      grade: null,
      jurisdiction,
      occurredAt: h.occurredAt.toISOString(),
      detail: h.detail,
      ...(h.change === 'stage' || !(CASE_CHANGES as readonly string[]).includes(h.change) ? {} : { change: h.change as CaseChange }),
    },
  };
}

function eventFacts(e: CaseStageChangedV1): CaseFacts {
  return { department: e.department, coDepartments: e.coDepartments ?? [], ccDepartments: e.ccDepartments, jurisdiction: e.jurisdiction };
}
