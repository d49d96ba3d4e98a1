import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventEnvelope, OpinionCaseInput, ReportReceivedV1 } from '@huiying/contracts';
import type { CaseRouteEntity } from '@huiying/persistence';
import {
  caseFeatures,
  DEFAULT_ROUTING_RULES,
  gradeOpinionCase,
  matchLexicon,
  NATIONAL_JURISDICTION,
  OPINION_GRADING_MODEL_2026_1,
  routeCase,
  SENSITIVE_LEXICON_2026_1,
  type OpinionDeadlinePolicy,
  type RoutingDecision,
  type RoutingRuleSet,
} from '@huiying/policy';
import { LOGGER } from '../infrastructure.module';
import { PolicyService, type ChosenPolicy } from '../policies/policy.service';
import { RoutingConfig } from '../routing.config';
import { CaseRouteRepository } from './case-route.repository';
import { CaseWorkflowStarter } from './case-workflow.starter';

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

/** When the matter was discovered, and whether the channel said so or the receipt time stands in (DOMAIN.md). */
export function discoveryOf(report: Pick<ReportReceivedV1, 'discoveredAt' | 'receivedAt'>): Pick<OpinionCaseInput, 'discoveredAt' | 'discoveredAtSource' | 'receivedAt'> {
  return report.discoveredAt
    ? { discoveredAt: report.discoveredAt, discoveredAtSource: 'channel', receivedAt: report.receivedAt }
    : { discoveredAt: report.receivedAt, discoveredAtSource: 'receipt', receivedAt: report.receivedAt };
}

/** The opinion case workflow's input: the stored routing decision, the deadline policy as data, the discovery. */
export function opinionCaseInput(
  report: ReportReceivedV1,
  route: CaseRouteEntity,
  policy: { policy: OpinionDeadlinePolicy; resolvedBy: 'in_force' | 'national_fallback' } | null,
): OpinionCaseInput {
  return {
    caseId: route.caseId,
    reportId: route.reportId,
    channel: report.channel,
    title: report.title,
    category: route.category,
    location: { ...report.location },
    ...discoveryOf(report),
    routing: {
      leadDepartment: route.leadDepartment,
      ccDepartments: route.ccDepartments,
      jurisdiction: route.jurisdiction,
      territory: route.territory,
      ruleVersion: route.ruleVersion,
      ruleId: route.ruleId,
    },
    ...(policy ? { policy: policy.policy, policyResolvedBy: policy.resolvedBy } : route.policyVersion ? { policyVersion: route.policyVersion } : {}),
    ...gradeAtIntake(report),
  };
}

@Injectable()
export class RoutingService {
  constructor(
    private readonly routes: CaseRouteRepository,
    private readonly starter: CaseWorkflowStarter,
    private readonly policies: PolicyService,
    private readonly config: RoutingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * 归口: decide the lead department (once per case) and make sure the case workflow runs. Idempotent.
   * The case's jurisdiction is the report's (else DEFAULT_JURISDICTION); the routing table and the opinion deadline
   * policy are the versions in force for it when the report was received — published through the admin API or
   * built in — and the case records and keeps them: the route row names both, the workflow gets the policy as data.
   */
  async onReportReceived(envelope: EventEnvelope<ReportReceivedV1>): Promise<void> {
    const report = envelope.data;
    const jurisdiction = report.jurisdiction ?? this.config.DEFAULT_JURISDICTION;
    const rules = await this.policies.chooseInForce<RoutingRuleSet>('routing', jurisdiction, report.receivedAt, this.config.DEFAULT_JURISDICTION);
    const ruleSet = rules?.policy ?? DEFAULT_ROUTING_RULES;
    const decision = routeCase(ruleSet, { category: report.category, location: report.location });
    const deadlines = await this.policies.chooseInForce<OpinionDeadlinePolicy>('opinion_deadlines', jurisdiction, report.receivedAt, NATIONAL_JURISDICTION);
    if (!deadlines) throw new Error(`no opinion deadline policy in force for ${jurisdiction} or ${NATIONAL_JURISDICTION} at ${report.receivedAt}`);
    const route = await this.routes.saveOnce({
      caseId: report.caseId,
      reportId: report.reportId,
      category: report.category,
      leadDepartment: decision.leadDepartment,
      ccDepartments: [...decision.ccDepartments],
      jurisdiction,
      territory: territoryOf(decision),
      ruleVersion: decision.ruleVersion,
      ruleId: decision.ruleId,
      ruleJurisdiction: ruleSet.jurisdiction,
      policyVersion: deadlines.policy.version,
      policyJurisdiction: deadlines.policy.jurisdiction,
      policyResolvedBy: deadlines.resolvedBy === 'in_force' ? 'in_force' : 'national_fallback',
      sourceEventId: envelope.id,
    });
    const outcome = await this.starter.startOpinionCase(opinionCaseInput(report, route, await this.policyOfRoute(route, deadlines)));
    await this.routes.markWorkflowStarted(route.caseId);
    if (route.reportId !== report.reportId) {
      // a further report of the case (grouped by intake): the group grew, which may raise the grade
      const atIntake = gradeAtIntake(report);
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
      {
        caseId: route.caseId, lead: route.leadDepartment, jurisdiction: route.jurisdiction, ruleVersion: route.ruleVersion, ruleJurisdiction: route.ruleJurisdiction,
        policyVersion: route.policyVersion, policyJurisdiction: route.policyJurisdiction, discoveredAtSource: report.discoveredAt ? 'channel' : 'receipt', outcome,
      },
      'case routed',
    );
  }

  /**
   * The deadline policy the stored route names (the first decision wins: a redelivered report gets the version chosen
   * then, not today's). Null for a route stored before policies travelled as data without a version: the workflow
   * then resolves it from the versions it bundles.
   */
  private async policyOfRoute(
    route: CaseRouteEntity,
    chosen: ChosenPolicy<OpinionDeadlinePolicy>,
  ): Promise<{ policy: OpinionDeadlinePolicy; resolvedBy: 'in_force' | 'national_fallback' } | null> {
    if (!route.policyVersion) return null;
    const jurisdictions = route.policyJurisdiction ? [route.policyJurisdiction] : [route.jurisdiction, NATIONAL_JURISDICTION];
    const resolvedBy = (j: string) => route.policyResolvedBy ?? (j === route.jurisdiction ? 'in_force' : 'national_fallback');
    if (chosen.policy.version === route.policyVersion && jurisdictions.includes(chosen.policy.jurisdiction)) {
      return { policy: chosen.policy, resolvedBy: resolvedBy(chosen.policy.jurisdiction) };
    }
    for (const j of jurisdictions) {
      const stored = await this.policies.storedVersion<OpinionDeadlinePolicy>('opinion_deadlines', j, route.policyVersion);
      if (stored) return { policy: stored, resolvedBy: resolvedBy(j) };
    }
    throw new Error(`case ${route.caseId}: opinion policy version ${route.policyVersion} of ${jurisdictions.join(' / ')} is not stored`);
  }
}
