import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import { RESPONSIBLE_MANAGER_ROLES } from '@polar/access';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ClientsDirectory } from '../clients/clients-directory';
import { ClientsModule } from '../clients/clients.module';
import { FunnelModule } from '../funnel/funnel.module';
import { FunnelPort } from '../funnel/funnel-port';
import { JobsService } from '../jobs/jobs.service';
import { paymentCallsJob } from './jobs/payment-calls.job';
import { renewalTask } from './renewal-task';
import { PlanningController, PlansController, TasksController, TaskTemplatesController } from './planning.controller';
import { PlanningPort } from './planning-port';
import { PlansService } from './plans.service';
import { TasksService } from './tasks.service';
import { MyDayService } from './my-day.service';

/**
 * Planning: tasks and the day, monthly plans, the payment-control call job. Depends on
 * clients and funnel through their exported interfaces (ClientsDirectory, FunnelPort)
 * and their events; nothing below depends on planning.
 */
@Module({
  imports: [ClientsModule, FunnelModule],
  controllers: [TasksController, TaskTemplatesController, PlanningController, PlansController],
  providers: [TasksService, MyDayService, PlansService, PlanningPort],
  exports: [PlanningPort],
})
export class PlanningModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly bus: EventBus,
    private readonly funnel: FunnelPort,
    private readonly clients: ClientsDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    access: AccessService,
  ) {
    access.register('task', async (em, id) => {
      const [row] = await em.query(`SELECT assignee_id, author_id, client_id FROM tasks WHERE id = $1`, [id]);
      return row ? { assignee: row.assignee_id, author: row.author_id, clientId: row.client_id } : null;
    });
    access.register('plan', async (em, id) => {
      const [row] = await em.query(`SELECT manager_id FROM monthly_plans WHERE id = $1`, [id]);
      return row ? { manager: row.manager_id } : null;
    });
  }

  onModuleInit(): void {
    this.jobs.register(paymentCallsJob(this.config.jobs.paymentCallsCron, this.config.jobs.chunkSize, { funnel: this.funnel, clients: this.clients, events: this.bus }));
    // A service contract nearing its end: the client's manager calls about the renewal.
    this.bus.subscribe('service_contract.renewal_due', (em, event) => renewalTask(em, event, { clients: this.clients, events: this.bus }), 'planning.service-renewal');
    // Open tasks follow the client: those its sales staff had go to the new manager.
    this.bus.subscribe(
      'clients.reassigned',
      async (em, event) => {
        await em.query(
          `UPDATE tasks t SET assignee_id = $2, version = t.version + 1, updated_at = now()
             FROM users u
            WHERE t.client_id = ANY($1::uuid[]) AND t.status = 'planned' AND u.id = t.assignee_id
              AND u.role = ANY($3::text[]) AND t.assignee_id <> $2`,
          [event.payload.moves.map((m) => m.clientId), event.payload.toManagerId, [...RESPONSIBLE_MANAGER_ROLES]],
        );
      },
      'planning.tasks-follow-client',
    );
  }
}
