import { ApiToken } from '../modules/integrations/api-tokens/api-token.entity';
import { IdempotencyKey } from '../modules/integrations/idempotency/idempotency-key.entity';
import { InboundCall, InboundEmail, InboundSettings } from '../modules/integrations/inbound/inbound.entity';
import { Webhook, WebhookAttempt, WebhookDelivery, WebhookSequence } from '../modules/integrations/webhooks/webhook.entity';
import { CalendarOverrideEntity, CalendarRevisionEntity } from '../modules/calendar/entities/calendar-override.entity';
import { Competitor, DealCompetitorLoss } from '../modules/analytics/entities/competitor.entity';
import { FunnelDealSummary, FunnelStageStay } from '../modules/analytics/entities/funnel-summary.entity';
import { JobRun } from '../modules/jobs/entities/job-run.entity';
import { QueueItem } from '../modules/queue/entities/queue-item.entity';
import { MonthlyPlan } from '../modules/planning/entities/monthly-plan.entity';
import { Task } from '../modules/planning/entities/task.entity';
import { Deal, DealLine, DealStageChange } from '../modules/funnel/entities/deal.entity';
import { Contract, DocumentCounter, Invoice, Payment, Proposal, ProposalLine } from '../modules/funnel/entities/documents.entity';
import { PipelineStage } from '../modules/funnel/entities/pipeline-stage.entity';
import { Product, ProductGroup } from '../modules/funnel/entities/product.entity';
import { InstallationJob } from '../modules/service/entities/installation-job.entity';
import { EquipmentUnit } from '../modules/service/entities/equipment-unit.entity';
import { ServiceContract } from '../modules/service/entities/service-contract.entity';
import { ServiceRequest } from '../modules/service/entities/service-request.entity';
import { ServiceVisit } from '../modules/service/entities/service-visit.entity';
import { ClientContact } from '../modules/clients/entities/client-contact.entity';
import { ClientDossier } from '../modules/clients/entities/client-dossier.entity';
import { ClientImport } from '../modules/clients/entities/client-import.entity';
import { Client } from '../modules/clients/entities/client.entity';
import { CompanyProfile } from '../modules/company/entities/company-profile.entity';
import { Segment, SegmentMember } from '../modules/clients/entities/segment.entity';
import { TimelineEvent } from '../modules/clients/entities/timeline-event.entity';
import { ReferenceItem } from '../modules/reference/entities/reference-item.entity';
import { AuditEntry } from '../modules/audit/entities/audit-entry.entity';
import { AuthSession } from '../modules/auth/entities/auth-session.entity';
import { LoginAttempt } from '../modules/auth/entities/login-attempt.entity';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { Department } from '../modules/departments/entities/department.entity';
import { User } from '../modules/users/entities/user.entity';

/** Every entity of the application; the data source and the schema check use this list. */
export const ENTITIES = [
  QueueItem,
  CompanyProfile,
  Department,
  User,
  AuthSession,
  RefreshToken,
  LoginAttempt,
  AuditEntry,
  ReferenceItem,
  Client,
  ClientContact,
  ClientDossier,
  TimelineEvent,
  Segment,
  SegmentMember,
  ClientImport,
  PipelineStage,
  ProductGroup,
  Product,
  Deal,
  DealLine,
  DealStageChange,
  DocumentCounter,
  Proposal,
  ProposalLine,
  Contract,
  Invoice,
  Payment,
  InstallationJob,
  EquipmentUnit,
  ServiceContract,
  ServiceVisit,
  ServiceRequest,
  Task,
  MonthlyPlan,
  JobRun,
  CalendarOverrideEntity,
  CalendarRevisionEntity,
  ApiToken,
  Webhook,
  WebhookDelivery,
  WebhookAttempt,
  WebhookSequence,
  IdempotencyKey,
  InboundSettings,
  InboundEmail,
  Competitor,
  DealCompetitorLoss,
  InboundCall,
  FunnelDealSummary,
  FunnelStageStay,
];
