import { Module } from '@nestjs/common';
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
export class ServiceModule {}
