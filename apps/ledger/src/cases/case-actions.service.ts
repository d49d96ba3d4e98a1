import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  opinionCaseUpdates,
  type AccountabilityTalkDto,
  type CloseCaseDto,
  type EvaluateCaseDto,
  type FollowUpCaseDto,
  type KeyCaseEntryDto,
  type KeyCaseResolutionDto,
  type MarkKeyCaseDto,
  type OpinionCaseSnapshot,
  type VerifyKeyCaseResolutionDto,
} from '@huiying/contracts';
import { executeWorkflowUpdate, opinionRefusalKind } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { CaseException, CaseExceptionCode } from './case.exception';
import { CaseRepository } from './case.repository';

/**
 * Ledger actions on an opinion case — close (办结), follow-up (动态管理), evaluation (总结评估), the key-case ledger
 * (重点舆情台账: mark, entries, resolution, verification) and accountability talks (约谈) — each a Temporal update
 * of the case workflow, whose validator decides; a refusal is 404 / 409 / 422 with the workflow's reason.
 * The answer is the workflow's snapshot; the ledger's own read model follows from the case events.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly client: Client,
    private readonly repo: CaseRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  close(caseId: string, dto: CloseCaseDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'close', opinionCaseUpdates.close, { resolution: dto.resolution, closedBy: dto.closedBy });
  }

  followUp(caseId: string, dto: FollowUpCaseDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'followUp', opinionCaseUpdates.followUp, {
      summary: dto.summary,
      updatedBy: dto.updatedBy,
      ...(dto.channel ? { channel: dto.channel } : {}),
      ...(dto.publishedAt ? { publishedAt: dto.publishedAt } : {}),
    });
  }

  markKeyCase(caseId: string, dto: MarkKeyCaseDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'markKeyCase', opinionCaseUpdates.markKeyCase, { reason: dto.reason, markedBy: dto.markedBy });
  }

  addKeyCaseEntry(caseId: string, dto: KeyCaseEntryDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'addKeyCaseEntry', opinionCaseUpdates.addKeyCaseEntry, {
      date: dto.date, action: dto.action, publicReaction: dto.publicReaction, recordedBy: dto.recordedBy,
    });
  }

  recordKeyCaseResolution(caseId: string, dto: KeyCaseResolutionDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'recordKeyCaseResolution', opinionCaseUpdates.recordKeyCaseResolution, { summary: dto.summary, recordedBy: dto.recordedBy });
  }

  verifyKeyCaseResolution(caseId: string, dto: VerifyKeyCaseResolutionDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'verifyKeyCaseResolution', opinionCaseUpdates.verifyKeyCaseResolution, {
      decision: dto.decision, opinion: dto.opinion, verifiedBy: dto.verifiedBy,
    });
  }

  recordAccountabilityTalk(caseId: string, dto: AccountabilityTalkDto): Promise<OpinionCaseSnapshot> {
    return this.act(caseId, 'recordAccountabilityTalk', opinionCaseUpdates.recordAccountabilityTalk, {
      date: dto.date, department: dto.department, personRole: dto.personRole, heldBy: dto.heldBy, outcome: dto.outcome, recordedBy: dto.recordedBy,
    });
  }

  /** The evaluation record is kept in the ledger as soon as the workflow accepted it (the evaluated event writes the same). */
  async evaluate(caseId: string, dto: EvaluateCaseDto): Promise<OpinionCaseSnapshot> {
    const snapshot = await this.act(caseId, 'evaluate', opinionCaseUpdates.evaluate, {
      lessons: dto.lessons,
      handlingCapacity: dto.handlingCapacity,
      evaluatedBy: dto.evaluatedBy,
    });
    const e = snapshot.evaluation;
    if (e) {
      await this.repo.saveEvaluation({
        caseId, lessons: e.lessons, handlingCapacity: e.handlingCapacity, evaluatedBy: e.evaluatedBy, evaluatedAt: e.at,
        grade: snapshot.grade, department: snapshot.department,
      });
    }
    return snapshot;
  }

  private async act<A>(caseId: string, action: string, update: UpdateDefinition<OpinionCaseSnapshot, [A]>, arg: A): Promise<OpinionCaseSnapshot> {
    let outcome;
    try {
      outcome = await executeWorkflowUpdate(this.client, caseId, update, arg);
    } catch (err) {
      this.logger.error({ caseId, action, err }, 'case workflow unreachable');
      throw new CaseException(CaseExceptionCode.WorkflowUnavailable, 'the case workflow cannot be reached; nothing changed, try again');
    }
    if (outcome.ok) {
      this.logger.info({ caseId, action, stage: outcome.result.stage }, 'case action applied');
      return outcome.result;
    }
    this.logger.info({ caseId, action, refusal: outcome.refusal, reason: outcome.message }, 'case action refused');
    const kind = opinionRefusalKind(outcome);
    if (kind === 'not_found') throw new CaseException(CaseExceptionCode.CaseNotFound, `no case workflow ${caseId}`);
    if (outcome.refusal === 'completed') throw new CaseException(CaseExceptionCode.ActionConflict, `the case ${caseId} has ended: ${outcome.message}`);
    throw new CaseException(kind === 'invalid' ? CaseExceptionCode.ActionInvalid : CaseExceptionCode.ActionConflict, outcome.message);
  }
}
