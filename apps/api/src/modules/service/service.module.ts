import { Module } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { ClientsModule } from '../clients/clients.module';
import { InstallationsController } from './installations.controller';
import { InstallationsService } from './installations.service';

/** Service and equipment: installation jobs now; equipment, contracts and visits as they land. */
@Module({
  imports: [ClientsModule],
  controllers: [InstallationsController],
  providers: [InstallationsService],
  exports: [InstallationsService],
})
export class ServiceModule {
  constructor(access: AccessService) {
    // Installation jobs hang off their client: the client's scope is theirs.
    access.register('installation', async (em, id) => {
      const [row] = await em.query(`SELECT client_id FROM installation_jobs WHERE id = $1`, [id]);
      return row ? { clientId: row.client_id as string } : null;
    });
  }
}
