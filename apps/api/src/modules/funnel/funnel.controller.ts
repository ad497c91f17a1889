import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { type BoardJson, FunnelBoardService } from './board.service';
import { DealsService } from './deals.service';
import { FunnelDocumentsService } from './documents.service';
import { FunnelPrintService } from './print/print.service';
import {
  BoardDto,
  BoardQueryDto,
  CreateDealDto,
  CreateProductDto,
  CreateProposalDto,
  CreateStageDto,
  DealDto,
  DealListQueryDto,
  MoveDealDto,
  ProductDto,
  ProductGroupDto,
  ProductListQueryDto,
  ProposalDto,
  ProposalStatusDto,
  StageChangeDto,
  StageDto,
  UpdateDealDto,
  UpdateProductDto,
  UpdateProposalDto,
  UpdateStageDto,
} from './dto/funnel.dto';
import { FunnelSetupService } from './stages.service';
import { ApiErrors } from '../../common/errors/api-errors.decorator';

@ApiTags('funnel')
@Controller('funnel')
export class FunnelController {
  constructor(
    private readonly setup: FunnelSetupService,
    private readonly boards: FunnelBoardService,
  ) {}

  @Get('stages')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: [StageDto], description: 'All stages in funnel order (open stages, then Won and Lost)' })
  stages(): Promise<StageDto[]> {
    return this.setup.stages();
  }

  @Post('stages')
  @RequirePermission('funnel.configure')
  @ApiCreatedResponse({ type: StageDto })
  createStage(@Body() body: CreateStageDto): Promise<StageDto> {
    return this.setup.createStage(body);
  }

  @Patch('stages/:id')
  @RequirePermission('funnel.configure')
  @ApiOkResponse({ type: StageDto })
  updateStage(@UuidParam() id: string, @Body() body: UpdateStageDto): Promise<StageDto> {
    return this.setup.updateStage(id, body);
  }

  @Get('board')
  @RequirePermission('funnel.read')
  @ApiOperation({ summary: 'The kanban: per stage the count, the sum and the weighted sum of deals, and the latest deals' })
  @ApiOkResponse({ type: BoardDto })
  // The service answers the BoardDto's JSON text, written by PostgreSQL: sent as it is.
  @Header('Content-Type', 'application/json; charset=utf-8')
  board(@Query() query: BoardQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<BoardJson> {
    return this.boards.board(query, user);
  }
}

@ApiTags('funnel')
@Controller('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly documents: FunnelDocumentsService,
  ) {}

  @Get()
  @RequirePermission('funnel.read')
  @ApiPageResponse(DealDto)
  list(@Query() query: DealListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<DealDto>> {
    return this.deals.list(query, user);
  }

  @Post()
  @RequirePermission('funnel.write')
  @ApiCreatedResponse({ type: DealDto })
  @ApiErrors({ 404: [], 422: ['stage_not_found', 'manager_not_allowed', 'product_not_found', 'line_description_required', 'amount_from_lines'] })
  create(@Body() body: CreateDealDto, @CurrentUser() user: AuthenticatedUser): Promise<DealDto> {
    return this.deals.create(body, user);
  }

  @Get(':id')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: DealDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<DealDto> {
    return this.deals.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'Change a deal; lines replace the old ones and set the amount' })
  @ApiOkResponse({ type: DealDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['product_not_found', 'line_description_required', 'amount_from_lines'] })
  update(@UuidParam() id: string, @Body() body: UpdateDealDto, @CurrentUser() user: AuthenticatedUser): Promise<DealDto> {
    return this.deals.update(id, body, user);
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'Move to another stage by the funnel rules (422 with the reason when not allowed; 409 on a stale version)' })
  @ApiOkResponse({ type: DealDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['same_stage', 'back_more_than_one_stage', 'won_only_from_last_stage', 'loss_reason_required', 'loss_reason_not_found', 'deal_closed', 'stage_inactive', 'signed_contract_required', 'stage_not_found'] })
  move(@UuidParam() id: string, @Body() body: MoveDealDto, @CurrentUser() user: AuthenticatedUser): Promise<DealDto> {
    return this.deals.move(id, body, user);
  }

  @Get(':id/history')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: [StageChangeDto], description: 'Every stage change, oldest first' })
  history(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<StageChangeDto[]> {
    return this.deals.history(id, user);
  }

  @Get(':id/proposals')
  @RequirePermission('funnel.read')
  @ApiPageResponse(ProposalDto)
  proposals(@UuidParam() id: string, @Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ProposalDto>> {
    return this.documents.proposalsOfDeal(id, query, user);
  }

  @Post(':id/proposals')
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'Prepare a numbered commercial proposal (lines default to the deal’s)' })
  @ApiCreatedResponse({ type: ProposalDto })
  createProposal(@UuidParam() id: string, @Body() body: CreateProposalDto, @CurrentUser() user: AuthenticatedUser): Promise<ProposalDto> {
    return this.documents.createProposal(id, body, user);
  }
}

@ApiTags('funnel')
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly documents: FunnelDocumentsService,
    private readonly print: FunnelPrintService,
  ) {}

  @Get(':id')
  @RequirePermission('funnel.read')
  @ApiOkResponse({ type: ProposalDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProposalDto> {
    return this.documents.proposal(id, user);
  }

  @Patch(':id')
  @RequirePermission('funnel.write')
  @ApiOkResponse({ type: ProposalDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['proposal_not_draft', 'product_not_found'] })
  update(@UuidParam() id: string, @Body() body: UpdateProposalDto, @CurrentUser() user: AuthenticatedUser): Promise<ProposalDto> {
    return this.documents.updateProposal(id, body, user);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission('funnel.write')
  @ApiOperation({ summary: 'draft → sent → accepted / rejected' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['proposal_transition'] })
  setStatus(@UuidParam() id: string, @Body() body: ProposalStatusDto, @CurrentUser() user: AuthenticatedUser): Promise<ProposalDto> {
    return this.documents.setProposalStatus(id, body.status, body.version, user);
  }

  @Get(':id/print')
  @RequirePermission('funnel.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The printable proposal (HTML in Russian; print it or save as PDF from the browser)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  printForm(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.print.proposal(id, user);
  }
}

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly setup: FunnelSetupService) {}

  @Get('product-groups')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [ProductGroupDto] })
  groups(): Promise<ProductGroupDto[]> {
    return this.setup.groups();
  }

  @Get('products')
  @RequirePermission('authenticated')
  @ApiPageResponse(ProductDto)
  products(@Query() query: ProductListQueryDto): Promise<Page<ProductDto>> {
    return this.setup.products(query);
  }

  @Get('products/:id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: ProductDto })
  product(@UuidParam() id: string): Promise<ProductDto> {
    return this.setup.product(id);
  }

  @Post('products')
  @RequirePermission('catalog.manage')
  @ApiCreatedResponse({ type: ProductDto })
  createProduct(@Body() body: CreateProductDto): Promise<ProductDto> {
    return this.setup.createProduct(body);
  }

  @Patch('products/:id')
  @RequirePermission('catalog.manage')
  @ApiOkResponse({ type: ProductDto })
  updateProduct(@UuidParam() id: string, @Body() body: UpdateProductDto): Promise<ProductDto> {
    return this.setup.updateProduct(id, body);
  }
}
