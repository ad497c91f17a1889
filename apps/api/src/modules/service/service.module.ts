import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import { ClientsModule } from '../clients/clients.module';
import { FunnelModule } from '../funnel/funnel.module';
import { InstallationsController } from './installations.controller';
import { InstallationsService } from './installations.service';

/**
 * Service and equipment: installation jobs now; equipment, contracts and visits as
 * they land. Above the funnel: the funnel does not know this module — a hand-over
 * reaches it as the `deal.handed_over` event, in the funnel's transaction — and it asks
 * the funnel for deal titles and contract numbers through FunnelPort.
 */
@Module({
  imports: [ClientsModule, FunnelModule],
  controllers: [InstallationsController],
  providers: [InstallationsService],
  exports: [InstallationsService],
})
export class ServiceModule implements OnModuleInit {
  constructor(
    access: AccessService,
    private readonly bus: EventBus,
    private readonly installations: InstallationsService,
  ) {
    // Installation jobs hang off their client: the client's scope is theirs.
    access.register('installation', async (em, id) => {
      const [row] = await em.query(`SELECT client_id FROM installation_jobs WHERE id = $1`, [id]);
      return row ? { clientId: row.client_id as string } : null;
    });
  }

  onModuleInit(): void {
    this.bus.subscribe(
      'deal.handed_over',
      async (em, event) => {
        await this.installations.createForHandover(em, event.payload);
      },
      'service.installation',
    );
  }
}
