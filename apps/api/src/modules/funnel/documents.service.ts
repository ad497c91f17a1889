import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-error';
import { compareMoney, fromKopecks, toKopecks } from '@polar/money';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import { EventBus } from '../../common/events';
import { DealsService, mapLine } from './deals.service';
import type {
  ContractDto,
  ContractListQueryDto,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  CreateProposalDto,
  InvoiceDto,
  InvoiceListQueryDto,
  PaymentDto,
  ProposalDto,
  SignContractDto,
  UpdateContractDto,
  UpdateProposalDto,
} from './dto/funnel.dto';
import { DealLine } from './entities/deal.entity';
import { Contract, Invoice, Payment, Proposal, ProposalLine, type InvoiceStatus } from './entities/documents.entity';
import {
  contractNotDraft,
  dueBeforeIssue,
  invoiceClosed,
  invoiceTargetRequired,
  overpayment,
  proposalNotDraft,
  proposalTransition,
} from './funnel.errors';
import { priceLines } from './lines';
import { moscowToday, nextDocumentNumber } from './numbering';

const PROPOSAL_NEXT: Record<string, string[]> = { draft: ['sent'], sent: ['accepted', 'rejected'], accepted: [], rejected: [] };

/**
 * The effective status of an invoice on a Moscow day: unpaid (fully or partly) past its
 * due date is overdue, whatever the stored status says yet (the nightly job stores it).
 */
export const INVOICE_STATUS_SQL = `CASE WHEN i.status IN ('paid', 'cancelled') THEN i.status
  WHEN i.due_date < :today THEN 'overdue'
  WHEN i.paid_amount > 0 THEN 'partly_paid' ELSE 'issued' END`;

/** Proposals, contracts, invoices and payments of deals; all scoped by the client's manager. */
@Injectable()
export class FunnelDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deals: DealsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return moscowToday(this.clock.now());
  }

  // ---------------- proposals ----------------

  async proposalsOfDeal(dealId: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<ProposalDto>> {
    await this.deals.getInScope(dealId, user);
    const [rows, total] = await this.dataSource
      .getRepository(Proposal)
      .findAndCount({ where: { dealId }, order: { createdAt: 'DESC', id: 'ASC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return pageOf(await this.mapProposals(rows), total, query);
  }

  async proposal(id: string, user: AuthenticatedUser): Promise<ProposalDto> {
    const p = await this.dataSource.getRepository(Proposal).findOne({ where: { id } });
    if (!p) throw new NotFoundError('Proposal');
    await this.deals.getInScope(p.dealId, user).catch(() => {
      throw new NotFoundError('Proposal');
    });
    return (await this.mapProposals([p]))[0];
  }

  /** A numbered proposal; lines default to the deal's; totals computed here, exactly. */
  async createProposal(dealId: string, input: CreateProposalDto, user: AuthenticatedUser): Promise<ProposalDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const deal = await this.deals.getInScope(dealId, user, em);
      const source = input.lines ?? (await this.linesOfDeal(em, deal));
      const priced = await priceLines(em, source);
      const today = this.today();
      const number = await nextDocumentNumber(em, 'proposal', 'КП', Number(today.slice(0, 4)));
      const proposal = await em.save(
        em.create(Proposal, { dealId, number, status: 'draft', issueDate: today, validUntil: input.validUntil ?? null, notes: input.notes ?? null, total: priced.total, sentAt: null, createdBy: user.id }),
      );
      if (priced.lines.length) await em.insert(ProposalLine, priced.lines.map((l) => ({ ...l, proposalId: proposal.id })));
      await this.events.publish(em, {
        type: 'proposal.created',
        payload: { proposalId: proposal.id, dealId, clientId: deal.clientId, number, total: priced.total },
        audit: { action: 'create', entityType: 'proposal', entityId: proposal.id, after: { number, dealId, total: priced.total } },
      });
      return proposal.id;
    });
    return this.proposal(id, user);
  }

  async updateProposal(id: string, input: UpdateProposalDto, user: AuthenticatedUser): Promise<ProposalDto> {
    await this.dataSource.transaction(async (em) => {
      const p = await this.lockProposal(em, id, user, input.version);
      if (p.status !== 'draft') throw proposalNotDraft();
      if (input.validUntil !== undefined) p.validUntil = input.validUntil;
      if (input.notes !== undefined) p.notes = input.notes;
      if (input.lines) {
        const priced = await priceLines(em, input.lines);
        await em.delete(ProposalLine, { proposalId: id });
        if (priced.lines.length) await em.insert(ProposalLine, priced.lines.map((l) => ({ ...l, proposalId: id })));
        p.total = priced.total;
      }
      await em.save(p);
      const deal = await this.deals.getInScope(p.dealId, user, em);
      await this.events.publish(em, {
        type: 'proposal.updated',
        payload: { proposalId: id, dealId: p.dealId, clientId: deal.clientId, number: p.number, total: p.total },
        audit: { action: 'update', entityType: 'proposal', entityId: id, after: { total: p.total, validUntil: p.validUntil } },
      });
    });
    return this.proposal(id, user);
  }

  async setProposalStatus(id: string, status: 'sent' | 'accepted' | 'rejected', version: number, user: AuthenticatedUser): Promise<ProposalDto> {
    await this.dataSource.transaction(async (em) => {
      const p = await this.lockProposal(em, id, user, version);
      if (!PROPOSAL_NEXT[p.status].includes(status)) throw proposalTransition(p.status, status);
      const from = p.status;
      p.status = status;
      if (status === 'sent') p.sentAt = this.clock.now();
      await em.save(p);
      const deal = await this.deals.getInScope(p.dealId, user, em);
      await this.events.publish(em, {
        type: `proposal.${status}`,
        payload: { proposalId: id, dealId: p.dealId, clientId: deal.clientId, number: p.number, total: p.total },
        audit: { action: 'update', entityType: 'proposal', entityId: id, before: { status: from }, after: { status } },
      });
    });
    return this.proposal(id, user);
  }

  /**
   * The lines a new proposal starts from: the deal's; a deal priced by its amount alone
   * (no lines) gives one line for that amount, so the proposal is never for 0.00.
   */
  private async linesOfDeal(em: EntityManager, deal: { id: string; title: string; amount: string }) {
    const lines = await em.find(DealLine, { where: { dealId: deal.id }, order: { sortOrder: 'ASC' } });
    if (!lines.length) {
      return compareMoney(deal.amount, '0') > 0 ? [{ description: deal.title, quantity: '1', unitPrice: deal.amount, discountPercent: '0' }] : [];
    }
    return lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent }));
  }

  private async lockProposal(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<Proposal> {
    const p = await em.findOne(Proposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw new NotFoundError('Proposal');
    await this.deals.getInScope(p.dealId, user, em).catch(() => {
      throw new NotFoundError('Proposal');
    });
    if (p.version !== version) throw new StaleVersionError('Proposal', version, p.version);
    return p;
  }

  private async mapProposals(rows: Proposal[]): Promise<ProposalDto[]> {
    if (!rows.length) return [];
    const lines = await this.dataSource
      .getRepository(ProposalLine)
      .createQueryBuilder('l')
      .where('l.proposal_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .orderBy('l.sort_order')
      .getMany();
    return rows.map((p) => ({
      id: p.id,
      dealId: p.dealId,
      number: p.number,
      status: p.status,
      issueDate: p.issueDate,
      validUntil: p.validUntil,
      total: p.total,
      notes: p.notes,
      lines: lines.filter((l) => l.proposalId === p.id).map(mapLine),
      sentAt: p.sentAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      version: p.version,
    }));
  }

  // ---------------- contracts ----------------

  private contractsQuery(user: AuthenticatedUser, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<Contract> {
    const qb = em.getRepository(Contract).createQueryBuilder('k').innerJoinAndSelect('k.deal', 'd').innerJoinAndSelect('d.client', 'c');
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  async contracts(query: ContractListQueryDto, user: AuthenticatedUser): Promise<Page<ContractDto>> {
    const qb = this.contractsQuery(user);
    if (query.dealId) qb.andWhere('k.deal_id = :dealId', { dealId: query.dealId });
    if (query.clientId) qb.andWhere('d.client_id = :clientId', { clientId: query.clientId });
    if (query.status) qb.andWhere('k.status = :status', { status: query.status });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('k.created_at', 'DESC').addOrderBy('k.id').offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany();
    return pageOf(rows.map(mapContract), total, query);
  }

  async contract(id: string, user: AuthenticatedUser, em?: EntityManager): Promise<ContractDto> {
    const k = await this.contractsQuery(user, em).andWhere('k.id = :id', { id }).getOne();
    if (!k) throw new NotFoundError('Contract');
    return mapContract(k);
  }

  async createContract(input: CreateContractDto, user: AuthenticatedUser): Promise<ContractDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const deal = await this.deals.getInScope(input.dealId, user, em);
      const today = this.today();
      const number = input.number ?? (await nextDocumentNumber(em, 'contract', 'Д', Number(today.slice(0, 4))));
      const k = await em.save(
        em.create(Contract, { dealId: deal.id, number, amount: input.amount ?? deal.amount, installationDeadline: input.installationDeadline ?? null, status: 'draft', signedOn: null }),
      );
      await this.events.publish(em, {
        type: 'contract.created',
        payload: { contractId: k.id, dealId: deal.id, clientId: deal.clientId, number, amount: k.amount },
        audit: { action: 'create', entityType: 'contract', entityId: k.id, after: { number, dealId: deal.id, amount: k.amount } },
      });
      return k.id;
    });
    return this.contract(id, user);
  }

  async updateContract(id: string, input: UpdateContractDto, user: AuthenticatedUser): Promise<ContractDto> {
    await this.dataSource.transaction(async (em) => {
      const k = await this.lockContract(em, id, user, input.version);
      if (k.status !== 'draft') throw contractNotDraft();
      const before = { amount: k.amount, installationDeadline: k.installationDeadline };
      if (input.amount !== undefined) k.amount = input.amount;
      if (input.installationDeadline !== undefined) k.installationDeadline = input.installationDeadline;
      await em.save(k);
      const deal = await this.deals.getInScope(k.dealId, user, em);
      await this.events.publish(em, {
        type: 'contract.updated',
        payload: { contractId: id, dealId: k.dealId, clientId: deal.clientId, number: k.number, amount: k.amount, installationDeadline: k.installationDeadline },
        audit: { action: 'update', entityType: 'contract', entityId: id, before, after: { amount: k.amount, installationDeadline: k.installationDeadline } },
      });
    });
    return this.contract(id, user);
  }

  async signContract(id: string, input: SignContractDto, user: AuthenticatedUser): Promise<ContractDto> {
    await this.dataSource.transaction(async (em) => {
      const k = await this.lockContract(em, id, user, input.version);
      if (k.status !== 'draft') throw contractNotDraft();
      k.status = 'signed';
      k.signedOn = input.signedOn;
      await em.save(k);
      const deal = await this.deals.getInScope(k.dealId, user, em);
      await this.events.publish(em, {
        type: 'contract.signed',
        payload: { contractId: id, dealId: k.dealId, clientId: deal.clientId, number: k.number, amount: k.amount, signedOn: input.signedOn, installationDeadline: k.installationDeadline },
        audit: { action: 'sign', entityType: 'contract', entityId: id, before: { status: 'draft' }, after: { status: 'signed', signedOn: k.signedOn } },
      });
    });
    return this.contract(id, user);
  }

  private async lockContract(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<Contract> {
    await this.contract(id, user, em);
    const k = await em.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!k) throw new NotFoundError('Contract');
    if (k.version !== version) throw new StaleVersionError('Contract', version, k.version);
    return k;
  }

  // ---------------- invoices and payments ----------------

  private invoicesQuery(user: AuthenticatedUser, em: EntityManager = this.dataSource.manager) {
    const qb = em
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .innerJoin('i.client', 'c')
      .leftJoin('users', 'u', 'u.id = c.manager_id')
      .select([
        'i.id AS id',
        'i.client_id AS client_id',
        'c.name AS client_name',
        'c.manager_id AS manager_id',
        'u.full_name AS manager_name',
        'i.deal_id AS deal_id',
        'i.contract_id AS contract_id',
        'i.number AS number',
        // node-postgres turns `date` into a local-time Date; days stay strings.
        'i.issue_date::text AS issue_date',
        'i.due_date::text AS due_date',
        'i.amount::text AS amount',
        'i.paid_amount::text AS paid_amount',
        '(i.amount - i.paid_amount)::numeric(16,2)::text AS outstanding',
        `${INVOICE_STATUS_SQL} AS status`,
        'i.version AS version',
      ])
      .setParameter('today', this.today());
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  async invoices(query: InvoiceListQueryDto, user: AuthenticatedUser): Promise<Page<InvoiceDto>> {
    const qb = this.invoicesQuery(user);
    if (query.status?.length) qb.andWhere(`(${INVOICE_STATUS_SQL}) IN (:...statuses)`, { statuses: query.status });
    if (query.clientId) qb.andWhere('i.client_id = :clientId', { clientId: query.clientId });
    if (query.managerId) qb.andWhere('c.manager_id = :managerId', { managerId: query.managerId });
    if (query.dealId) qb.andWhere('i.deal_id = :dealId', { dealId: query.dealId });
    if (query.dueFrom) qb.andWhere('i.due_date >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) qb.andWhere('i.due_date <= :dueTo', { dueTo: query.dueTo });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('i.due_date', 'ASC').addOrderBy('i.id').offset((query.page - 1) * query.pageSize).limit(query.pageSize).getRawMany();
    return pageOf(rows.map(mapInvoice), total, query);
  }

  async invoice(id: string, user: AuthenticatedUser, em?: EntityManager): Promise<InvoiceDto> {
    const row = await this.invoicesQuery(user, em).andWhere('i.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Invoice');
    return mapInvoice(row);
  }

  async createInvoice(input: CreateInvoiceDto, user: AuthenticatedUser): Promise<InvoiceDto> {
    if (!input.dealId && !input.contractId) throw invoiceTargetRequired();
    const issueDate = input.issueDate ?? this.today();
    if (input.dueDate < issueDate) throw dueBeforeIssue();
    const id = await this.dataSource.transaction(async (em) => {
      let dealId = input.dealId ?? null;
      if (input.contractId) dealId = (await this.contract(input.contractId, user, em)).dealId;
      const deal = await this.deals.getInScope(dealId!, user, em);
      const number = await nextDocumentNumber(em, 'invoice', 'СЧ', Number(issueDate.slice(0, 4)));
      const invoice = await em.save(
        em.create(Invoice, {
          clientId: deal.clientId,
          dealId: deal.id,
          contractId: input.contractId ?? null,
          number,
          issueDate,
          dueDate: input.dueDate,
          amount: input.amount,
          paidAmount: '0.00',
          status: 'issued',
          paidAt: null,
          createdBy: user.id,
        }),
      );
      await this.events.publish(em, {
        type: 'invoice.issued',
        payload: { invoiceId: invoice.id, dealId: deal.id, clientId: deal.clientId, number, amount: invoice.amount, issueDate, dueDate: input.dueDate },
        audit: { action: 'create', entityType: 'invoice', entityId: invoice.id, after: { number, amount: invoice.amount, dueDate: invoice.dueDate } },
      });
      return invoice.id;
    });
    return this.invoice(id, user);
  }

  async cancelInvoice(id: string, user: AuthenticatedUser): Promise<InvoiceDto> {
    await this.dataSource.transaction(async (em) => {
      const invoice = await this.lockInvoice(em, id, user);
      if (invoice.status === 'paid' || invoice.status === 'cancelled' || compareMoney(invoice.paidAmount, '0') > 0) throw invoiceClosed();
      invoice.status = 'cancelled';
      await em.save(invoice);
      await this.events.publish(em, {
        type: 'invoice.cancelled',
        payload: { invoiceId: id, clientId: invoice.clientId, number: invoice.number, amount: invoice.amount },
        audit: { action: 'cancel', entityType: 'invoice', entityId: id, after: { status: 'cancelled' } },
      });
    });
    return this.invoice(id, user);
  }

  async payments(invoiceId: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<PaymentDto>> {
    await this.invoice(invoiceId, user);
    const [rows, total] = await this.dataSource
      .getRepository(Payment)
      .findAndCount({ where: { invoiceId }, order: { paidOn: 'ASC', createdAt: 'ASC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return pageOf(rows.map(mapPayment), total, query);
  }

  /** Registers a payment; more than what is still owed is refused (422). */
  async addPayment(invoiceId: string, input: CreatePaymentDto, user: AuthenticatedUser): Promise<PaymentDto> {
    return this.dataSource.transaction(async (em) => {
      const invoice = await this.lockInvoice(em, invoiceId, user);
      if (invoice.status === 'paid' || invoice.status === 'cancelled') throw invoiceClosed();
      const outstanding = fromKopecks(toKopecks(invoice.amount) - toKopecks(invoice.paidAmount));
      if (compareMoney(input.amount, outstanding) > 0) throw overpayment(outstanding);
      if (compareMoney(input.amount, '0') <= 0) throw overpayment(outstanding);
      const payment = await em.save(em.create(Payment, { invoiceId, amount: input.amount, paidOn: input.paidOn ?? this.today(), reference: input.reference ?? null, createdBy: user.id }));
      invoice.paidAmount = fromKopecks(toKopecks(invoice.paidAmount) + toKopecks(input.amount));
      const fullyPaid = compareMoney(invoice.paidAmount, invoice.amount) === 0;
      const next: InvoiceStatus = fullyPaid ? 'paid' : invoice.dueDate < this.today() ? 'overdue' : 'partly_paid';
      invoice.status = next;
      invoice.paidAt = fullyPaid ? this.clock.now() : null;
      await em.save(invoice);
      await this.events.publish(em, {
        type: 'payment.received',
        payload: {
          paymentId: payment.id,
          invoiceId,
          clientId: invoice.clientId,
          number: invoice.number,
          amount: payment.amount,
          paidOn: payment.paidOn,
          paidAmount: invoice.paidAmount,
          invoiceAmount: invoice.amount,
          fullyPaid,
        },
        audit: { action: 'payment', entityType: 'invoice', entityId: invoiceId, after: { paymentId: payment.id, amount: input.amount, paidAmount: invoice.paidAmount, status: next } },
      });
      if (fullyPaid) {
        await this.events.publish(em, { type: 'invoice.paid', payload: { invoiceId, clientId: invoice.clientId, number: invoice.number, amount: invoice.amount } });
      }
      return mapPayment(payment);
    });
  }

  private async lockInvoice(em: EntityManager, id: string, user: AuthenticatedUser): Promise<Invoice> {
    await this.invoice(id, user, em);
    const invoice = await em.findOne(Invoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!invoice) throw new NotFoundError('Invoice');
    return invoice;
  }
}

function mapContract(k: Contract): ContractDto {
  return {
    id: k.id,
    dealId: k.dealId,
    clientId: k.deal?.clientId ?? '',
    clientName: k.deal?.client?.name ?? '',
    number: k.number,
    signedOn: k.signedOn,
    amount: k.amount,
    installationDeadline: k.installationDeadline,
    status: k.status,
    version: k.version,
  };
}

function mapInvoice(r: Record<string, unknown>): InvoiceDto {
  return {
    id: r.id as string,
    clientId: r.client_id as string,
    clientName: r.client_name as string,
    managerId: r.manager_id as string,
    managerName: (r.manager_name as string | null) ?? null,
    dealId: (r.deal_id as string | null) ?? null,
    contractId: (r.contract_id as string | null) ?? null,
    number: r.number as string,
    issueDate: r.issue_date as string,
    dueDate: r.due_date as string,
    amount: r.amount as string,
    paidAmount: r.paid_amount as string,
    outstandingAmount: r.outstanding as string,
    status: r.status as InvoiceStatus,
    version: r.version as number,
  };
}

function mapPayment(p: Payment): PaymentDto {
  return { id: p.id, invoiceId: p.invoiceId, paidOn: p.paidOn, amount: p.amount, reference: p.reference, createdAt: p.createdAt.toISOString() };
}
