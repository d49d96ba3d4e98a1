// The key-case ledger (重点舆情台账) and accountability talks (约谈) of the opinion-case workflow: the update handlers,
// registered by opinionCaseWorkflow. Deterministic workflow code. Each action records one case event (no stage change),
// so the ledger's read model gets it through cases.events.v1. The close rule is in rules.ts (keyCaseCloseRefusal).
import { setHandler } from '@temporalio/workflow';
import {
  keyCaseStatusOf,
  opinionCaseUpdates,
  type CaseChange,
  type OpinionCaseSnapshot,
  type OpinionCaseState,
  type OpinionStage,
} from '@huiying/contracts/workflow';
import { checkAccountabilityTalk, checkKeyCaseEntry, checkKeyCaseResolution, checkMarkKeyCase, checkVerifyResolution } from './rules';

/** What the handlers need from the workflow that registers them. */
export interface KeyCaseContext {
  state: OpinionCaseState;
  discoveredAt: string;
  nowMs(): number;
  nowIso(): string;
  whenRouted(): Promise<void>;
  record(change: CaseChange, stage: OpinionStage, detail: Record<string, unknown>): Promise<void>;
  snapshot(): OpinionCaseSnapshot;
}

export function registerKeyCaseHandlers(ctx: KeyCaseContext): void {
  const { state } = ctx;
  const keyCase = () => state.keyCase as NonNullable<OpinionCaseState['keyCase']>;

  setHandler(
    opinionCaseUpdates.markKeyCase,
    async (req) => {
      await ctx.whenRouted();
      const markedAt = ctx.nowIso();
      state.keyCase = { reason: req.reason, markedBy: req.markedBy, markedAt, status: 'open', entries: [], resolutions: [] };
      await ctx.record('key_case', state.stage, { reason: req.reason, markedBy: req.markedBy, markedAt, status: 'open' });
      return ctx.snapshot();
    },
    { validator: (req) => checkMarkKeyCase(state, req) },
  );

  setHandler(
    opinionCaseUpdates.addKeyCaseEntry,
    async (req) => {
      const entry = { date: req.date, action: req.action, publicReaction: req.publicReaction, recordedBy: req.recordedBy, recordedAt: ctx.nowIso() };
      keyCase().entries.push(entry);
      await ctx.record('key_case_entry', state.stage, { ...entry, entryNumber: keyCase().entries.length });
      return ctx.snapshot();
    },
    { validator: (req) => checkKeyCaseEntry(state, req, ctx.nowMs(), ctx.discoveredAt) },
  );

  setHandler(
    opinionCaseUpdates.recordKeyCaseResolution,
    async (req) => {
      const k = keyCase();
      const recordedAt = ctx.nowIso();
      k.resolutions.push({ summary: req.summary, recordedBy: req.recordedBy, recordedAt, verification: null });
      k.status = keyCaseStatusOf(k.resolutions);
      await ctx.record('key_case_resolution', state.stage, {
        summary: req.summary, recordedBy: req.recordedBy, recordedAt, resolutionNumber: k.resolutions.length, status: k.status,
      });
      return ctx.snapshot();
    },
    { validator: (req) => checkKeyCaseResolution(state, req) },
  );

  setHandler(
    opinionCaseUpdates.verifyKeyCaseResolution,
    async (req) => {
      const k = keyCase();
      const current = k.resolutions[k.resolutions.length - 1];
      const at = ctx.nowIso();
      if (current) current.verification = { decision: req.decision, opinion: req.opinion, verifiedBy: req.verifiedBy, at };
      k.status = keyCaseStatusOf(k.resolutions);
      await ctx.record('key_case_verification', state.stage, {
        decision: req.decision, opinion: req.opinion, verifiedBy: req.verifiedBy, verifiedAt: at,
        recordedBy: current?.recordedBy ?? null, resolutionNumber: k.resolutions.length, status: k.status,
      });
      return ctx.snapshot();
    },
    { validator: (req) => checkVerifyResolution(state, req) },
  );

  setHandler(
    opinionCaseUpdates.recordAccountabilityTalk,
    async (req) => {
      const talk = {
        date: req.date, department: req.department, personRole: req.personRole, heldBy: req.heldBy, outcome: req.outcome,
        recordedBy: req.recordedBy, recordedAt: ctx.nowIso(),
      };
      state.accountabilityTalks.push(talk);
      await ctx.record('accountability_talk', state.stage, { ...talk, talkNumber: state.accountabilityTalks.length });
      return ctx.snapshot();
    },
    { validator: (req) => checkAccountabilityTalk(state, req, ctx.nowMs(), ctx.discoveredAt) },
  );
}
