import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { ClientsDirectory } from '../../clients/clients-directory';
import { CompanyService } from '../../company/company.service';
import { DealsService } from '../deals.service';
import { FunnelDocumentsService } from '../documents.service';
import { contractHtml, invoiceHtml, proposalHtml } from './documents.print';
import type { PrintParty } from './print-page';

/**
 * The printable documents of the funnel as HTML in Russian, for the browser's print
 * dialog (or «Сохранить как PDF»). Every document is read through the scoped getters,
 * so a form outside the caller's reach is a 404 like the record itself.
 */
@Injectable()
export class FunnelPrintService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: FunnelDocumentsService,
    private readonly deals: DealsService,
    private readonly company: CompanyService,
    private readonly clients: ClientsDirectory,
  ) {}

  async proposal(id: string, user: AuthenticatedUser): Promise<string> {
    const proposal = await this.documents.proposal(id, user);
    const deal = await this.deals.get(proposal.dealId, user);
    return proposalHtml({ proposal, dealTitle: deal.title, buyer: await this.buyer(deal.clientId, deal.clientName), managerName: deal.managerName, company: await this.company.get() });
  }

  async invoice(id: string, user: AuthenticatedUser): Promise<string> {
    const invoice = await this.documents.invoice(id, user);
    const contract = invoice.contractId ? await this.documents.contract(invoice.contractId, user) : null;
    const deal = invoice.dealId ? await this.deals.get(invoice.dealId, user) : null;
    return invoiceHtml({
      invoice,
      contract,
      dealTitle: deal?.title ?? null,
      dealLines: deal?.lines ?? [],
      dealAmount: deal?.amount ?? null,
      buyer: await this.buyer(invoice.clientId, invoice.clientName),
      company: await this.company.get(),
    });
  }

  async contract(id: string, user: AuthenticatedUser): Promise<string> {
    const contract = await this.documents.contract(id, user);
    const deal = await this.deals.get(contract.dealId, user);
    return contractHtml({
      contract,
      dealTitle: deal.title,
      dealLines: deal.lines,
      dealAmount: deal.amount,
      buyer: await this.buyer(contract.clientId, contract.clientName),
      company: await this.company.get(),
    });
  }

  private async buyer(clientId: string, fallbackName: string): Promise<PrintParty> {
    return (await this.clients.requisitesOf(this.dataSource.manager, clientId)) ?? { name: fallbackName, inn: null, kpp: null, address: null };
  }
}
