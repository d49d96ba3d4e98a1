import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The routing decision of a case (归口): which rule version decided it, and when its workflow started. */
@Entity({ schema: 'routing', name: 'case_routes' })
export class CaseRouteEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('uuid', { name: 'report_id' }) reportId!: string;
  @Column('text') category!: string;
  @Column('text', { name: 'lead_department' }) leadDepartment!: string;
  @Column('text', { name: 'cc_departments', array: true }) ccDepartments!: string[];
  @Column('text') jurisdiction!: string;
  @Column('text', { nullable: true }) territory!: string | null;
  @Column('text', { name: 'rule_version' }) ruleVersion!: string;
  @Column('text', { name: 'rule_id' }) ruleId!: string;
  /** Whose routing table decided (the case's jurisdiction, or the default one when it has none); null on older rows. */
  @Column('text', { name: 'rule_jurisdiction', nullable: true }) ruleJurisdiction!: string | null;
  /** The opinion deadline policy version the case was started under (null: the workflow resolved it, e.g. national fallback). */
  @Column('text', { name: 'policy_version', nullable: true }) policyVersion!: string | null;
  /** The jurisdiction of that version (the case's own, or 'cn' for the national baseline); null on older rows. */
  @Column('text', { name: 'policy_jurisdiction', nullable: true }) policyJurisdiction!: string | null;
  @Column('text', { name: 'policy_resolved_by', nullable: true }) policyResolvedBy!: 'in_force' | 'national_fallback' | null;
  @Column('text', { name: 'source_event_id' }) sourceEventId!: string;
  @Column('timestamptz', { name: 'workflow_started_at', nullable: true }) workflowStartedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
