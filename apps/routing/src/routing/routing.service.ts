import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventEnvelope, OpinionCaseInput, ReportReceivedV1 } from '@huiying/contracts';
import {
  caseFeatures,
  DEFAULT_ROUTING_RULES,
  gradeOpinionCase,
  matchLexicon,
  OPINION_GRADING_MODEL_2026_1,
  routeCase,
  SENSITIVE_LEXICON_2026_1,
  type RoutingDecision,
} from '@huiying/policy';

/** "district/township" (or the part that is known) of the place that handles the case locally (属地). */
function territoryOf(decision: RoutingDecision): string | null {
  const parts = [decision.territory.district, decision.territory.township].filter((p): p is string => !!p);
  return parts.length ? parts.join('/') : null;
}
/**
 * What the first report alone says about the case (the same pure grading the assessment service runs on the whole
 * group): a grade above general, and the casualty / social-impact flags, start the case's clocks right away.
 */
export function gradeAtIntake(report: Pick<ReportReceivedV1, 'reportId' | 'channel' | 'receivedAt' | 'title' | 'content' | 'location'>): Pick<OpinionCaseInput, 'grade' | 'flags'> {
  const hits = matchLexicon(`${report.title}\n${report.content}`, SENSITIVE_LEXICON_2026_1);
  const features = caseFeatures(
    [{ reportId: report.reportId, channel: report.channel, receivedAt: report.receivedAt, district: report.location.district ?? null, sensitiveTerms: hits.sensitive, casualtyTerms: hits.casualties }],
    OPINION_GRADING_MODEL_2026_1,
  );
  const graded = gradeOpinionCase(features, OPINION_GRADING_MODEL_2026_1);
  const flags = Object.fromEntries(Object.entries(graded.flags).filter(([, on]) => on));
  return {
    ...(graded.grade !== 'general' ? { grade: graded.grade } : {}),
    ...(Object.keys(flags).length ? { flags } : {}),
  };
}
import { LOGGER } from '../infrastructure.module';
import { PolicyService } from '../policies/policy.service';
import { CaseRouteRepository } from './case-route.repository';
import { CaseWorkflowStarter } from './case-workflow.starter';

@Injectable()
export class RoutingService {
  constructor(
    private readonly routes: CaseRouteRepository,
    private readonly starter: CaseWorkflowStarter,
    private readonly policies: PolicyService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** 归口: decide the lead department (once per case) and make sure the case workflow runs. Idempotent. */
  async onReportReceived(envelope: EventEnvelope<ReportReceivedV1>): Promise<void> {
    const report = envelope.data;
    const decision = routeCase(DEFAULT_ROUTING_RULES, { category: report.category, location: report.location });
    const route = await this.routes.saveOnce({
      caseId: report.caseId,
      reportId: report.reportId,
      category: report.category,
      leadDepartment: decision.leadDepartment,
      ccDepartments: [...decision.ccDepartments],
      jurisdiction: decision.jurisdiction,
      territory: territoryOf(decision),
      ruleVersion: decision.ruleVersion,
      ruleId: decision.ruleId,
      policyVersion: await this.policies.opinionPolicyVersionFor(decision.jurisdiction, report.receivedAt),
      sourceEventId: envelope.id,
    });
    const atIntake = gradeAtIntake(report);
    const outcome = await this.starter.startOpinionCase({
      caseId: route.caseId,
      reportId: route.reportId,
      channel: report.channel,
      title: report.title,
      category: route.category,
      location: { ...report.location },
      discoveredAt: report.receivedAt,
      routing: {
        leadDepartment: route.leadDepartment,
        ccDepartments: route.ccDepartments,
        jurisdiction: route.jurisdiction,
        territory: route.territory,
        ruleVersion: route.ruleVersion,
        ruleId: route.ruleId,
      },
      ...(route.policyVersion ? { policyVersion: route.policyVersion } : {}),
      ...atIntake,
    });
    await this.routes.markWorkflowStarted(route.caseId);
    if (route.reportId !== report.reportId) {
      // a further report of the case (grouped by intake): the group grew, which may raise the grade
      const signalled = await this.starter.signalReportGrouped(route.caseId, {
        reportId: report.reportId,
        channel: report.channel,
        receivedAt: report.receivedAt,
        groupSize: report.grouping?.groupSize ?? 2,
        // the grade the whole group calls for (intake grades the group), else what this report alone calls for
        ...(report.grouping?.suggestedGrade ?? atIntake.grade ? { suggestedGrade: report.grouping?.suggestedGrade ?? atIntake.grade } : {}),
      });
      this.logger.info({ caseId: route.caseId, reportId: report.reportId, channel: report.channel, grouping: report.grouping ?? null, signalled }, 'report grouped into case');
      return;
    }
    this.logger.info(
      { caseId: route.caseId, lead: route.leadDepartment, ruleVersion: route.ruleVersion, policyVersion: route.policyVersion, grade: atIntake.grade ?? null, flags: atIntake.flags ?? null, outcome },
      'case routed',
    );
  }
}
