import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One report of a case as the grading sees it (from intake.reports.received.v1; no personal data). */
@Entity({ schema: 'assessment', name: 'case_reports' })
export class AssessmentCaseReportEntity {
  @PrimaryColumn('uuid', { name: 'report_id' }) reportId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') channel!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('text', { nullable: true }) district!: string | null;
  @Column('text', { nullable: true }) township!: string | null;
  @Column('text', { name: 'sensitive_terms', array: true }) sensitiveTerms!: string[];
  @Column('text', { name: 'casualty_terms', array: true }) casualtyTerms!: string[];
  @Column('text', { name: 'lexicon_version' }) lexiconVersion!: string;
  @Column('text', { name: 'source_event_id' }) sourceEventId!: string;
  /** The report's revision the features come from (0 = as first received; intake.reports.updated.v1 raises it). */
  @Column('int', { default: 0 }) revision!: number;
  @Column('timestamptz', { name: 'updated_at', nullable: true }) updatedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** Where each opinion case stands, from cases.events.v1 (automatic grading starts once it is claimed). */
@Entity({ schema: 'assessment', name: 'cases' })
export class AssessmentCaseEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') stage!: string;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('boolean') claimed!: boolean;
  @Column('int', { name: 'last_sequence' }) lastSequence!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** An assessment (研判) sent to the case workflow: automatic with its score parts, or an analyst's (override). */
@Entity({ schema: 'assessment', name: 'assessments' })
export class AssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') source!: 'automatic' | 'analyst';
  @Column('text') grade!: string;
  @Column('text', { name: 'risk_level' }) riskLevel!: string;
  @Column('boolean', { name: 'needs_response' }) needsResponse!: boolean;
  @Column('boolean') sensitive!: boolean;
  @Column('jsonb') flags!: Record<string, boolean>;
  @Column('int', { nullable: true }) score!: number | null;
  @Column('jsonb', { name: 'score_parts', nullable: true }) scoreParts!: Record<string, number> | null;
  @Column('jsonb', { nullable: true }) features!: Record<string, unknown> | null;
  @Column('text', { name: 'model_version', nullable: true }) modelVersion!: string | null;
  @Column('text', { name: 'lexicon_version', nullable: true }) lexiconVersion!: string | null;
  @Column('text', { name: 'assessed_by' }) assessedBy!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  /** An analyst assessment: the automatic one it overrides (kept on record). */
  @Column('uuid', { name: 'overrides_id', nullable: true }) overridesId!: string | null;
  /** The case's grade after this assessment (an automatic grade never lowers an analyst's). */
  @Column('text', { name: 'effective_grade' }) effectiveGrade!: string;
  @Column('int', { name: 'workflow_sequence' }) workflowSequence!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** A consultation (会商), approval (报审) or verification (核查) taken through the assessment API. */
@Entity({ schema: 'assessment', name: 'decisions' })
export class AssessmentDecisionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') action!: 'consultation' | 'approval' | 'verification';
  @Column('jsonb') body!: Record<string, unknown>;
  @Column('text') actor!: string;
  @Column('text', { name: 'stage_after' }) stageAfter!: string;
  @Column('int', { name: 'workflow_sequence' }) workflowSequence!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
