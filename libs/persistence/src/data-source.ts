import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { Foundation1763700000000 } from './migrations/1763700000000-foundation';
import { PolicyCalendar1763800000000 } from './migrations/1763800000000-policy-calendar';
import { DisclosureApplications1763950000000 } from './migrations/1763950000000-disclosure-applications';
import { DisclosureApplicationEntity } from './entities/disclosure.entities';
import { IntakeClosedCaseEntity, OutboxEntity, ReportEntity } from './entities/intake.entities';
import { ReportGrouping1764460000000 } from './migrations/1764460000000-report-grouping';
import { HotlineWorkOrderEntity, HotlineWorkOrderRevisionEntity } from './entities/hotline.entities';
import { HotlineWorkOrders1764000000000 } from './migrations/1764000000000-hotline-work-orders';
import { PublicationResponses1764100000000 } from './migrations/1764100000000-publication-responses';
import { LedgerCaseSupervision1764100000001 } from './migrations/1764100000001-ledger-case-supervision';
import { PublicationReplyLetters1764200000000 } from './migrations/1764200000000-publication-reply-letters';
import { LedgerDisclosureAnnualReport1764200000001 } from './migrations/1764200000001-ledger-disclosure-annual-report';
import { CaseRouteEntity } from './entities/routing.entities';
import { CalendarSignalEntity, CalendarSweepEntity } from './entities/calendar-signal.entities';
import { AssessmentCaseEntity, AssessmentCaseReportEntity, AssessmentDecisionEntity, AssessmentEntity } from './entities/assessment.entities';
import { CaseActions1764300000000 } from './migrations/1764300000000-case-actions';
import { CalendarSweeps1764300000001 } from './migrations/1764300000001-calendar-sweeps';
import { AssessmentReportRevisions1764470000000 } from './migrations/1764470000000-assessment-report-revisions';
import { PolicyInForce1764480000000 } from './migrations/1764480000000-policy-in-force';
import { DisclosureReceiptConfirmation1764486000000 } from './migrations/1764486000000-disclosure-receipt-confirmation';
import { DisclosureApplicantMonth1764486000001 } from './migrations/1764486000001-disclosure-applicant-month';
import { AccessControl1764450000000 } from './migrations/1764450000000-access-control';
import { ReplyLetterRemediesVersion1764490000000 } from './migrations/1764490000000-reply-letter-remedies-version';
import { PublicationNotices1764490000001 } from './migrations/1764490000001-publication-notices';
import { PublicationDocumentCitations1764500000000 } from './migrations/1764500000000-publication-document-citations';
import { LedgerPendingClocks1764510000000 } from './migrations/1764510000000-ledger-pending-clocks';
import { LedgerMonthlyStatisticsSnapshots1764520000000 } from './migrations/1764520000000-ledger-monthly-statistics-snapshots';
import { LedgerCaseMonthFigures1764520000001 } from './migrations/1764520000001-ledger-case-month-figures';
import { LedgerKeyCases1764520000010 } from './migrations/1764520000010-ledger-key-cases';
import { LedgerSpecialReports1764520000011 } from './migrations/1764520000011-ledger-special-reports';
import { LedgerBulletins1764525000000 } from './migrations/1764525000000-ledger-bulletins';
import { OutboxTraceContext1764527000000 } from './migrations/1764527000000-outbox-trace-context';
import { LedgerOutboxTraceContext1764528000000 } from './migrations/1764528000000-ledger-outbox-trace-context';
import { LedgerSpecialReportTriggers1764529000000 } from './migrations/1764529000000-ledger-special-report-triggers';
import { LedgerCaseChannels1764530000000 } from './migrations/1764530000000-ledger-case-channels';
import { LedgerCaseReports1764530000001 } from './migrations/1764530000001-ledger-case-reports';
import { LedgerHotlineReplies1764530000002 } from './migrations/1764530000002-ledger-hotline-replies';
import { PublicationHotlineReplyDeliveries1764531000000 } from './migrations/1764531000000-publication-hotline-reply-deliveries';
import { LedgerCoDepartments1764450000001 } from './migrations/1764450000001-ledger-co-departments';
import { AccessRoleGrants1764483000000 } from './migrations/1764483000000-access-role-grants';
import { AccessApiKeyEntity, AccessAuditLogEntity, AccessRoleGrantEntity, AccessSystemEntity } from './entities/access.entities';
import { LedgerCaseEntity, LedgerCaseHistoryEntity } from './entities/ledger.entities';
import { CalendarYearEntity, CalendarYearLoadEntity, PolicyOutboxEntity, PolicyVersionEntity } from './entities/policy.entities';

export interface DatabaseSettings {
  DATABASE_URL?: string;
  PGHOST: string;
  PGPORT: number;
  PGUSER: string;
  PGPASSWORD: string;
  PGDATABASE: string;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;

export const ALL_ENTITIES = [
  ReportEntity,
  OutboxEntity,
  IntakeClosedCaseEntity,
  CaseRouteEntity,
  LedgerCaseEntity,
  LedgerCaseHistoryEntity,
  CalendarYearEntity,
  CalendarYearLoadEntity,
  PolicyVersionEntity,
  PolicyOutboxEntity,
  DisclosureApplicationEntity,
  HotlineWorkOrderEntity,
  HotlineWorkOrderRevisionEntity,
  CalendarSignalEntity,
  CalendarSweepEntity,
  AssessmentCaseReportEntity,
  AssessmentCaseEntity,
  AssessmentEntity,
  AssessmentDecisionEntity,
  AccessSystemEntity,
  AccessApiKeyEntity,
  AccessAuditLogEntity,
  AccessRoleGrantEntity,
];
/** Migrations in order. Schema changes are explicit: synchronize is always off. */
export const MIGRATIONS = [Foundation1763700000000, PolicyCalendar1763800000000, DisclosureApplications1763950000000, HotlineWorkOrders1764000000000, PublicationResponses1764100000000, LedgerCaseSupervision1764100000001, PublicationReplyLetters1764200000000, LedgerDisclosureAnnualReport1764200000001, CaseActions1764300000000, CalendarSweeps1764300000001, AccessControl1764450000000, LedgerCoDepartments1764450000001, ReportGrouping1764460000000, AssessmentReportRevisions1764470000000, PolicyInForce1764480000000, AccessRoleGrants1764483000000, DisclosureReceiptConfirmation1764486000000, DisclosureApplicantMonth1764486000001, ReplyLetterRemediesVersion1764490000000, PublicationNotices1764490000001, PublicationDocumentCitations1764500000000, LedgerPendingClocks1764510000000, LedgerMonthlyStatisticsSnapshots1764520000000, LedgerCaseMonthFigures1764520000001, LedgerKeyCases1764520000010, LedgerSpecialReports1764520000011, LedgerBulletins1764525000000, OutboxTraceContext1764527000000, LedgerOutboxTraceContext1764528000000, LedgerSpecialReportTriggers1764529000000, LedgerCaseChannels1764530000000, LedgerCaseReports1764530000001, LedgerHotlineReplies1764530000002, PublicationHotlineReplyDeliveries1764531000000];

export function dataSourceOptions(db: DatabaseSettings, entities: EntityList = ALL_ENTITIES, applicationName = 'huiying'): DataSourceOptions {
  const connection = db.DATABASE_URL
    ? { url: db.DATABASE_URL }
    : { host: db.PGHOST, port: Number(db.PGPORT), username: db.PGUSER, password: db.PGPASSWORD, database: db.PGDATABASE };
  return {
    type: 'postgres',
    ...connection,
    applicationName,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  };
}

export function createDataSource(db: DatabaseSettings, entities?: EntityList, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(db, entities, applicationName));
}
