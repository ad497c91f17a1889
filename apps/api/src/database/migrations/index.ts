import { Foundation1763900000000 } from './1763900000000-foundation';
import { Clients1763910000000 } from './1763910000000-clients';
import { Funnel1763920000000 } from './1763920000000-funnel';
import { Planning1763930000000 } from './1763930000000-planning';
import { ClientListIndex1763940000000 } from './1763940000000-client-list-index';
import { JobLeases1764000000000 } from './1764000000000-job-leases';
import { WorkQueue1764000000001 } from './1764000000001-work-queue';
import { ImportProgress1764000000002 } from './1764000000002-import-progress';
import { TimelinePayloads1764100000000 } from './1764100000000-timeline-payloads';
import { PhonesE1641764200000000 } from './1764200000000-phones-e164';
import { CalendarOverrides1764200000001 } from './1764200000001-calendar-overrides';
import { SegmentSharing1764300000000 } from './1764300000000-segment-sharing';
import { AuthSessions1764500000000 } from './1764500000000-auth-sessions';
import { ServiceEquipment1764600000000 } from './1764600000000-service-equipment';
import { Quality1764610000000 } from './1764610000000-quality';
import { Marketing1764620000000 } from './1764620000000-marketing';
import { AnalyticsIndexes1764630000000 } from './1764630000000-analytics-indexes';
import { Integrations1764640000000 } from './1764640000000-integrations';
import { DealListIndexes1764650000000 } from './1764650000000-deal-list-indexes';
import { DealStageTotals1764650000001 } from './1764650000001-deal-stage-totals';
import { ClientSearchFunction1764650000002 } from './1764650000002-client-search-function';
import { ClientsActiveManagerIndex1764650000003 } from './1764650000003-clients-active-manager-index';
import { ServiceVisitReminders1764700000000 } from './1764700000000-service-visit-reminders';
import { ComplaintEquipment1764710000000 } from './1764710000000-complaint-equipment';
import { SurveyMail1764710000001 } from './1764710000001-survey-mail';
import { SurveyResponseEquipment1764710000002 } from './1764710000002-survey-response-equipment';
import { Greetings1764720000000 } from './1764720000000-greetings';
import { ClientAbcXyzClass1764720000001 } from './1764720000001-client-abc-xyz-class';
import { Competitors1764740000000 } from './1764740000000-competitors';
import { ProductCostPrice1764740000001 } from './1764740000001-product-cost-price';
import { InboundChannels1764730000000 } from './1764730000000-inbound-channels';
import { CompanyProfile1764750000000 } from './1764750000000-company-profile';
import { AnalyticsTotals1764770000000 } from './1764770000000-analytics-totals';
import { AnalyticsDashboardIndexes1764770000001 } from './1764770000001-analytics-dashboard-indexes';
import { DealClientManager1764780000000 } from './1764780000000-deal-client-manager';
import { ClientSearchScope1764780000001 } from './1764780000001-client-search-scope';
import { DealAmountFromLines1764790000000 } from './1764790000000-deal-amount-from-lines';
import { ClientSearchQueryOnce1764810000000 } from './1764810000000-client-search-query-once';
import { TasksDayIndex1764810000001 } from './1764810000001-tasks-day-index';
import { AnalyticsFunnelSummary1764820000000 } from './1764820000000-analytics-funnel-summary';
import { AnalyticsSalesSummary1764830000000 } from './1764830000000-analytics-sales-summary';
import { AnalyticsUnpaidInvoices1764830000001 } from './1764830000001-analytics-unpaid-invoices';
import { AnalyticsDealChannels1764830000002 } from './1764830000002-analytics-deal-channels';
import { AnalyticsMonthlyIndexes1764840000000 } from './1764840000000-analytics-monthly-indexes';
import { AuthActorNotify1764860000000 } from './1764860000000-auth-actor-notify';
import { DealBoardManagerIndex1764880000000 } from './1764880000000-deal-board-manager-index';
import { TasksAssigneeDoneIndex1764890000000 } from './1764890000000-tasks-assignee-done-index';
import { QueueDueIndexes1764910000000 } from './1764910000000-queue-due-indexes';
import { ClientSearchExactFirst1764920000000 } from './1764920000000-client-search-exact-first';
import { ClientSearchWords1764960000000 } from './1764960000000-client-search-words';
import { ApiTokenSharedBucket1764970000000 } from './1764970000000-api-token-shared-bucket';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const MIGRATIONS = [
  Foundation1763900000000,
  Clients1763910000000,
  Funnel1763920000000,
  Planning1763930000000,
  ClientListIndex1763940000000,
  JobLeases1764000000000,
  WorkQueue1764000000001,
  ImportProgress1764000000002,
  TimelinePayloads1764100000000,
  PhonesE1641764200000000,
  CalendarOverrides1764200000001,
  SegmentSharing1764300000000,
  AuthSessions1764500000000,
  ServiceEquipment1764600000000,
  Quality1764610000000,
  Marketing1764620000000,
  AnalyticsIndexes1764630000000,
  Integrations1764640000000,
  DealListIndexes1764650000000,
  DealStageTotals1764650000001,
  ClientSearchFunction1764650000002,
  ClientsActiveManagerIndex1764650000003,
  ServiceVisitReminders1764700000000,
  ComplaintEquipment1764710000000,
  SurveyMail1764710000001,
  SurveyResponseEquipment1764710000002,
  Greetings1764720000000,
  ClientAbcXyzClass1764720000001,
  InboundChannels1764730000000,
  Competitors1764740000000,
  ProductCostPrice1764740000001,
  CompanyProfile1764750000000,
  AnalyticsTotals1764770000000,
  AnalyticsDashboardIndexes1764770000001,
  DealClientManager1764780000000,
  ClientSearchScope1764780000001,
  DealAmountFromLines1764790000000,
  ClientSearchQueryOnce1764810000000,
  TasksDayIndex1764810000001,
  AnalyticsFunnelSummary1764820000000,
  AnalyticsSalesSummary1764830000000,
  AnalyticsUnpaidInvoices1764830000001,
  AnalyticsDealChannels1764830000002,
  AnalyticsMonthlyIndexes1764840000000,
  AuthActorNotify1764860000000,
  DealBoardManagerIndex1764880000000,
  TasksAssigneeDoneIndex1764890000000,
  QueueDueIndexes1764910000000,
  ClientSearchExactFirst1764920000000,
  ClientSearchWords1764960000000,
  ApiTokenSharedBucket1764970000000,
];
