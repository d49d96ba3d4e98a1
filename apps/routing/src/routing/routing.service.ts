import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventEnvelope, ReportReceivedV1 } from '@huiying/contracts';
import { DEFAULT_ROUTING_RULES, routeCase, type RoutingDecision } from '@huiying/policy';

/** "district/township" (or the part that is known) of the place that handles the case locally (属地). */
function territoryOf(decision: RoutingDecision): string | null {
  const parts = [decision.territory.district, decision.territory.township].filter((p): p is string => !!p);
  return parts.length ? parts.join('/') : null;
}
import { LOGGER } from '../infrastructure.module';
import { CaseRouteRepository } from './case-route.repository';
import { CaseWorkflowStarter } from './case-workflow.starter';

@Injectable()
export class RoutingService {
  constructor(
    private readonly routes: CaseRouteRepository,
    private readonly starter: CaseWorkflowStarter,
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
      // the workflow resolves the deadline policy version in force itself until routing passes one
      policyVersion: null,
      sourceEventId: envelope.id,
    });
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
    });
    await this.routes.markWorkflowStarted(route.caseId);
    this.logger.info({ caseId: route.caseId, lead: route.leadDepartment, ruleVersion: route.ruleVersion, outcome }, 'case routed');
  }
}
