import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { opinionCaseQueries, opinionCaseUpdates, type OpinionCaseState, type RespondRequest, type ResponseChannel, type ResponseForm, type ResponseRecord } from '@huiying/contracts';
import { executeWorkflowUpdate } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import type { RecordingOutcome, ResponseRecorder } from './delivery-runner';
import { ResponsesRepository } from './responses.repository';

const SUMMARY_CHARS = 200;

function workflowRecord(r: ResponseRecord | undefined): Record<string, unknown> | null {
  return r ? { late: r.late, met: r.met, recordedAt: r.recordedAt, publishedAt: r.publishedAt } : null;
}

/**
 * Records a delivered response in its case workflow: the respond update with publishedAt = the first delivery and
 * publicationId = the response id, so a repeated call (a retry after a lost answer) is recognised, not recorded twice.
 */
@Injectable()
export class WorkflowResponseRecorder implements ResponseRecorder {
  constructor(
    private readonly repo: ResponsesRepository,
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(responseId: string, caseId: string): Promise<Exclude<RecordingOutcome, { status: 'retry' }>> {
    const r = await this.repo.findResponse(responseId);
    if (!r || !r.published_at || !r.published_channel) return { status: 'unrecorded', reason: `response ${responseId} has no delivery to record` };
    const request: RespondRequest = {
      form: r.form as ResponseForm,
      channel: r.published_channel as ResponseChannel,
      publishedAt: r.published_at.toISOString(),
      publicationId: r.id,
      summary: [...(r.title ?? r.content)].slice(0, SUMMARY_CHARS).join(''),
    };
    const outcome = await executeWorkflowUpdate(this.client, caseId, opinionCaseUpdates.respond, request);
    if (outcome.ok) {
      const rec = outcome.result.responses.find((x) => x.publicationId === r.id);
      this.logger.info({ caseId, responseId, stage: outcome.result.stage, late: rec?.late ?? null }, 'response recorded in the case workflow');
      return { status: 'published', workflowRecord: workflowRecord(rec) };
    }
    if (outcome.refusal === 'rejected') {
      // Recorded by an earlier call whose answer was lost? The workflow refuses a publicationId it already has.
      const state: OpinionCaseState = await this.client.workflow.getHandle(caseId).query(opinionCaseQueries.state);
      const rec = state.responses.find((x) => x.publicationId === r.id);
      if (rec) return { status: 'published', workflowRecord: workflowRecord(rec) };
    }
    this.logger.warn({ caseId, responseId, refusal: outcome.refusal, reason: outcome.message }, 'delivered response refused by the case workflow');
    return { status: 'unrecorded', reason: outcome.message };
  }
}
