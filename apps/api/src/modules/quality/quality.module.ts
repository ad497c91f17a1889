import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ClientsModule } from '../clients/clients.module';
import { FunnelModule } from '../funnel/funnel.module';
import { FunnelPort } from '../funnel/funnel-port';
import { JobsService } from '../jobs/jobs.service';
import { PlanningModule } from '../planning/planning.module';
import { PlanningPort } from '../planning/planning-port';
import { MarketingModule } from '../marketing/marketing.module';
import { ServiceModule } from '../service/service.module';
import { WorkQueue } from '../queue/work-queue.service';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintRequestsService } from './complaint-requests.service';
import { ComplaintsService } from './complaints.service';
import { complaintWatchdogJob, ESCALATION_QUEUE, escalate } from './jobs/complaint-watchdog.job';
import { surveyCallsJob } from './jobs/survey-calls.job';
import { PublicSurveyController, SurveysController } from './surveys.controller';
import { SURVEY_MAIL_QUEUE, SurveyMailer } from './survey-mail';
import { SurveysService } from './surveys.service';

/**
 * Quality (SPEC §6): complaints with deadlines, call backs and department requests, the
 * deadline watchdog, and client surveys. Above clients, funnel and planning: it asks the
 * funnel through FunnelPort and puts tasks into «Мои дела» through PlanningPort.
 */
@Module({
  imports: [ClientsModule, FunnelModule, PlanningModule, ServiceModule, MarketingModule],
  controllers: [ComplaintsController, SurveysController, PublicSurveyController],
  providers: [ComplaintsService, ComplaintRequestsService, ComplaintStatsService, SurveysService, SurveyMailer],
  // Analytics reads the open complaints for the dashboard through the scoped list.
  exports: [ComplaintsService],
})
export class QualityModule implements OnModuleInit {
  constructor(
    access: AccessService,
    private readonly jobs: JobsService,
    private readonly queue: WorkQueue,
    private readonly planning: PlanningPort,
    private readonly bus: EventBus,
    private readonly funnel: FunnelPort,
    private readonly mailer: SurveyMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A complaint hangs off its client; the rules also read what it is about and whom it asks.
    access.register('complaint', async (em, id) => {
      const [row] = await em.query(
        `SELECT k.client_id, k.subject_kind, coalesce(array_agg(r.addressee_id::text) FILTER (WHERE r.addressee_id IS NOT NULL), '{}') AS requestees
           FROM complaints k LEFT JOIN complaint_requests r ON r.complaint_id = k.id WHERE k.id = $1 GROUP BY k.id`,
        [id],
      );
      return row ? { clientId: row.client_id as string, subjectKind: row.subject_kind as string, requestee: row.requestees as string[] } : null;
    });
    access.register('survey', async (em, id) => {
      const [row] = await em.query(`SELECT id FROM surveys WHERE id = $1`, [id]);
      return row ? {} : null;
    });
  }

  onModuleInit(): void {
    const deps = { queue: this.queue, planning: this.planning, events: this.bus };
    this.jobs.register(complaintWatchdogJob(this.config.quality.watchdogCron, deps));
    this.jobs.register(surveyCallsJob(this.config.quality.surveyCallsCron, { funnel: this.funnel, planning: this.planning }));
    this.queue.register(ESCALATION_QUEUE, (payload, ctx) => ctx.transaction((em) => escalate(em, payload, deps)));
    this.queue.register(SURVEY_MAIL_QUEUE, (payload, ctx) => this.mailer.send(payload.invitationId, ctx), {
      perMinute: this.config.mail.perMinute,
      maxAttempts: 5,
      backoffSeconds: 60,
      onDead: (em, item) => this.mailer.failed(em, item.payload.invitationId, item.error),
    });
  }
}
