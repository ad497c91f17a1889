import { Module } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { ClientsModule } from '../clients/clients.module';
import { CompanyModule } from '../company/company.module';
import { FunnelBoardService } from './board.service';
import { DealTotalsService } from './deal-totals';
import { DealsService } from './deals.service';
import { registerFunnelRecords } from './funnel.records';
import { ContractsController, InvoicesController } from './documents.controller';
import { FunnelDocumentsService } from './documents.service';
import { FunnelPort } from './funnel-port';
import { FunnelPrintService } from './print/print.service';
import { CatalogController, DealsController, FunnelController, ProposalsController } from './funnel.controller';
import { FunnelSetupService } from './stages.service';

/**
 * The sales funnel: stages, catalogue, deals, proposals, contracts, invoices and payments.
 * Other modules ask it through FunnelPort and react to its domain events.
 */
@Module({
  imports: [ClientsModule, CompanyModule],
  controllers: [FunnelController, DealsController, ProposalsController, CatalogController, ContractsController, InvoicesController],
  providers: [FunnelSetupService, DealsService, FunnelBoardService, DealTotalsService, FunnelDocumentsService, FunnelPrintService, FunnelPort],
  exports: [DealsService, DealTotalsService, FunnelPort],
})
export class FunnelModule {
  constructor(access: AccessService) {
    registerFunnelRecords(access);
  }
}
