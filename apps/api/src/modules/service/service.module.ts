import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { moscowDay } from '@polar/business-time';
import { AccessService, type RecordLoader } from '../../common/access/access.service';
import { Clock } from '../../common/context/clock';
import { EventBus } from '../../common/events';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ClientsModule } from '../clients/clients.module';
import { FunnelModule } from '../funnel/funnel.module';
import { JobsService } from '../jobs/jobs.service';
import { PlanningModule } from '../planning/planning.module';
import { WorkQueue } from '../queue/work-queue.service';
import { EquipmentService } from './equipment.service';
import { InstallationsController } from './installations.controller';
import { InstallationsService } from './installations.service';
import { visitPlanJob } from './jobs/visit-plan.job';
import { EquipmentController, ServiceCalendarController, ServiceContractsController, ServiceRequestsController, ServiceVisitsController } from './service.controller';
import { ServiceContractsService, VISIT_PLAN_QUEUE } from './service-contracts.service';
import { ServiceRequestsService } from './service-requests.service';
import { ServiceVisitsService } from './service-visits.service';

/** A record of the module hangs off its client: the client's scope is its scope. */
const byClient =
  (table: string): RecordLoader =>
  async (em, id) => {
    const [row] = await em.query(`SELECT client_id FROM ${table} WHERE id = $1`, [id]);
    return row ? { clientId: row.client_id as string } : null;
  };

/**
 * Service and equipment: installation jobs, the equipment registry, service contracts
 * with their visit plan, visits, requests, the engineers' calendar. Above the funnel:
 * the funnel does not know this module — a hand-over reaches it as the
 * `deal.handed_over` event, in the funnel's transaction — and it asks the funnel for
 * deal titles and contract numbers through FunnelPort, and puts the engineers' visit
 * reminders into «Мои дела» through PlanningPort.
 */
@Module({
  imports: [ClientsModule, FunnelModule, PlanningModule],
  controllers: [InstallationsController, EquipmentController, ServiceContractsController, ServiceVisitsController, ServiceRequestsController, ServiceCalendarController],
  providers: [InstallationsService, EquipmentService, ServiceContractsService, ServiceVisitsService, ServiceRequestsService],
  exports: [InstallationsService, EquipmentService],
})
export class ServiceModule implements OnModuleInit {
  constructor(
    access: AccessService,
    private readonly bus: EventBus,
    private readonly installations: InstallationsService,
    private readonly contracts: ServiceContractsService,
    private readonly visits: ServiceVisitsService,
    private readonly jobs: JobsService,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    access.register('installation', byClient('installation_jobs'));
    access.register('equipment', byClient('equipment_units'));
    access.register('service_contract', byClient('service_contracts'));
    access.register('service_visit', byClient('service_visits'));
    access.register('service_request', byClient('service_requests'));
  }

  onModuleInit(): void {
    this.bus.subscribe(
      'deal.handed_over',
      async (em, event) => {
        await this.installations.createForHandover(em, event.payload);
      },
      'service.installation',
    );
    this.queue.register(VISIT_PLAN_QUEUE, (payload, ctx) => ctx.transaction((em) => this.contracts.regenerate(em, payload.serviceContractId, moscowDay(this.clock.now()))));
    this.jobs.register(visitPlanJob(this.config.service.visitPlanCron, this.config.jobs.chunkSize, this.contracts, this.visits, this.queue));
  }
}
