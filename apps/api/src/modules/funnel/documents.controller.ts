import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { FunnelDocumentsService } from './documents.service';
import { FunnelPrintService } from './print/print.service';
import {
  ContractDto,
  ContractListQueryDto,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  InvoiceDto,
  InvoiceListQueryDto,
  PaymentDto,
  SignContractDto,
  UpdateContractDto,
} from './dto/funnel.dto';
import { ApiErrors } from '../../common/errors/api-errors.decorator';

@ApiTags('funnel')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly documents: FunnelDocumentsService,
    private readonly print: FunnelPrintService,
  ) {}

  @Get()
  @RequirePermission('funnel.read')
  @ApiPageResponse(ContractDto)
  list(@Query() query: ContractListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ContractDto>> {
    return this.documents.contracts(query, user);
  }

  @Post()
  @RequirePermission('funnel.write')
  @ApiCreatedResponse({ type: ContractDto })
  create(@Body() body: CreateContractDto, @CurrentUser() user: AuthenticatedUser): Promise<ContractDto> {
    return this.documents.createContract(body, user);
  }

  @Get(':id')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: ContractDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ContractDto> {
    return this.documents.contract(id, user);
  }

  @Get(':id/print')
  @RequirePermission('funnel.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: "The contract summary to print: parties with requisites, subject, price with VAT, installation deadline, lines, signatures" })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors({ 404: [] })
  printForm(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.print.contract(id, user);
  }

  @Patch(':id')
  @RequirePermission('funnel.write')
  @ApiOkResponse({ type: ContractDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['contract_not_draft'] })
  update(@UuidParam() id: string, @Body() body: UpdateContractDto, @CurrentUser() user: AuthenticatedUser): Promise<ContractDto> {
    return this.documents.updateContract(id, body, user);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'Mark the contract signed (needed to hand the deal over to installation)' })
  @ApiOkResponse({ type: ContractDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['contract_not_draft'] })
  sign(@UuidParam() id: string, @Body() body: SignContractDto, @CurrentUser() user: AuthenticatedUser): Promise<ContractDto> {
    return this.documents.signContract(id, body, user);
  }
}

@ApiTags('funnel')
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly documents: FunnelDocumentsService,
    private readonly print: FunnelPrintService,
  ) {}

  @Get()
  @RequirePermission('funnel.read')
  @ApiOperation({ summary: 'Invoices in your scope; status is derived from payments and the due date' })
  @ApiPageResponse(InvoiceDto)
  list(@Query() query: InvoiceListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<InvoiceDto>> {
    return this.documents.invoices(query, user);
  }

  @Post()
  @RequirePermission('funnel.write')
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiErrors({ 404: [], 422: ['invoice_target_required', 'due_before_issue'] })
  create(@Body() body: CreateInvoiceDto, @CurrentUser() user: AuthenticatedUser): Promise<InvoiceDto> {
    return this.documents.createInvoice(body, user);
  }

  @Get(':id')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: InvoiceDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<InvoiceDto> {
    return this.documents.invoice(id, user);
  }

  @Get(':id/print')
  @RequirePermission('funnel.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: '«Счёт на оплату» to print: bank details block, supplier and buyer, basis, lines, VAT, total in words, due date, signatures' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors({ 404: [] })
  printForm(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.print.invoice(id, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('funnel.write')
  @ApiOkResponse({ type: InvoiceDto })
  @ApiErrors({ 404: [], 422: ['invoice_closed'] })
  cancel(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<InvoiceDto> {
    return this.documents.cancelInvoice(id, user);
  }

  @Get(':id/payments')
  @RequirePermission('funnel.read')
  @ApiPageResponse(PaymentDto)
  payments(@UuidParam() id: string, @Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<PaymentDto>> {
    return this.documents.payments(id, query, user);
  }

  @Post(':id/payments')
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'Register a payment (more than is owed → 422)' })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiErrors({ 404: [], 422: ['overpayment', 'invoice_closed'] })
  pay(@UuidParam() id: string, @Body() body: CreatePaymentDto, @CurrentUser() user: AuthenticatedUser): Promise<PaymentDto> {
    return this.documents.addPayment(id, body, user);
  }
}
