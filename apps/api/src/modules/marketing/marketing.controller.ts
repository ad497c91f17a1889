import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { AbcXyzService } from './abc-xyz.service';
import { CampaignFiguresService } from './campaign-figures.service';
import { CampaignsService } from './campaigns.service';
import { ConsentsService } from './consents.service';
import { AbcXyzClientDto, AbcXyzClientsQueryDto, AbcXyzDto, AbcXyzQueryDto } from './dto/abc-xyz.dto';
import {
  CampaignDto,
  CampaignEffectivenessDto,
  CampaignListQueryDto,
  ChannelsReportDto,
  CreateCampaignDto,
  InfluenceDto,
  InfluenceListQueryDto,
  PeriodQueryDto,
  RegisteredInfluencesDto,
  RegisterInfluencesDto,
  UpdateCampaignDto,
} from './dto/campaigns.dto';
import {
  AddSuppressionDto,
  ConsentDto,
  CreateMailingDto,
  DeliveryDto,
  DeliveryListQueryDto,
  MailingDto,
  PreviewDto,
  PreviewQueryDto,
  RecordConsentDto,
  RemoveSuppressionDto,
  SuppressionDto,
  SuppressionListQueryDto,
  TestSendDto,
  TestSentDto,
  UnsubscribeQueryDto,
  UnsubscribeStatusDto,
  UpdateMailingDto,
  VersionDto,
} from './dto/mailings.dto';
import { InfluencesService } from './influences.service';
import { MailingsService } from './mailings.service';
import { ReadsFromReplica } from '../../common/replica';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(res: Response, name: string, file: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  res.end(file);
}

@ApiTags('marketing')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly touches: InfluencesService,
    private readonly figures: CampaignFiguresService,
  ) {}

  @Get()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Campaigns (archived ones only when asked by status)' })
  @ApiPageResponse(CampaignDto)
  list(@Query() query: CampaignListQueryDto): Promise<Page<CampaignDto>> {
    return this.campaigns.list(query);
  }

  @Post()
  @RequirePermission('marketing.write')
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiErrors({ 404: [], 422: ['period_invalid'] })
  create(@Body() body: CreateCampaignDto, @CurrentUser() user: AuthenticatedUser): Promise<CampaignDto> {
    return this.campaigns.create(body, user);
  }

  @Get(':id')
  @RequirePermission('campaigns.read')
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Change a campaign, its cost lines (replaced as a whole) or its status (one step forward)' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['campaign_status_order', 'period_invalid'] })
  update(@UuidParam() id: string, @Body() body: UpdateCampaignDto, @CurrentUser() user: AuthenticatedUser): Promise<CampaignDto> {
    return this.campaigns.update(id, body, user);
  }

  @Get(':id/effectiveness')
  @ReadsFromReplica()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Touched and new clients, deals, won deals, revenue, payments, cost per lead and per won deal, ROI, conversions (your clients only for sales staff)' })
  @ApiOkResponse({ type: CampaignEffectivenessDto })
  @ApiErrors({ 404: [] })
  effectiveness(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<CampaignEffectivenessDto> {
    return this.figures.effectiveness(id, user);
  }

  @Get(':id/effectiveness/xlsx')
  @ReadsFromReplica()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'The same figures as an XLSX file' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 404: [] })
  async effectivenessXlsx(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    sendXlsx(res, `campaign-${id}`, await this.figures.effectivenessXlsx(id, user));
  }

  @Get(':id/influences')
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Clients and contacts the campaign touched (your clients only for sales staff)' })
  @ApiPageResponse(InfluenceDto)
  @ApiErrors({ 404: [] })
  influences(@UuidParam() id: string, @Query() query: InfluenceListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<InfluenceDto>> {
    return this.touches.listInfluences(id, query, user);
  }

  @Post(':id/influences')
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Register touches: clients, contacts, or a whole segment at once' })
  @ApiCreatedResponse({ type: RegisteredInfluencesDto })
  @ApiErrors({ 404: [], 422: ['influence_target_required'] })
  async register(@UuidParam() id: string, @Body() body: RegisterInfluencesDto, @CurrentUser() user: AuthenticatedUser): Promise<RegisteredInfluencesDto> {
    return { added: await this.touches.registerInfluences(id, body, user) };
  }
}

@ApiTags('marketing')
@Controller('influences')
export class InfluencesController {
  constructor(private readonly influences: InfluencesService) {}

  @Get()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Advertising influences on the clients in your scope (filter by client)' })
  @ApiPageResponse(InfluenceDto)
  @ApiErrors({ 404: [] })
  list(@Query() query: InfluenceListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<InfluenceDto>> {
    return this.influences.listInfluences(null, query, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('marketing.write')
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ 404: [] })
  async remove(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.influences.removeInfluence(id, user);
  }
}

@ApiTags('marketing')
@Controller('marketing')
export class MarketingController {
  constructor(
    private readonly figures: CampaignFiguresService,
    private readonly abcXyz: AbcXyzService,
    private readonly consents: ConsentsService,
  ) {}

  @Get('channels')
  @ReadsFromReplica()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'Figures per acquisition channel over a period (your clients only for sales staff)' })
  @ApiOkResponse({ type: ChannelsReportDto })
  @ApiErrors({ 422: ['period_invalid'] })
  channels(@Query() q: PeriodQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ChannelsReportDto> {
    return this.figures.channels(q.from, q.to, user);
  }

  @Get('channels/xlsx')
  @ReadsFromReplica()
  @RequirePermission('campaigns.read')
  @ApiOperation({ summary: 'The channel figures as an XLSX file' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 422: ['period_invalid'] })
  async channelsXlsx(@Query() q: PeriodQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    sendXlsx(res, `channels-${q.from}-${q.to}`, await this.figures.channelsXlsx(q.from, q.to, user));
  }

  @Get('abc-xyz')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'ABC (share of payments) × XYZ (variation of monthly payments): the 3×3 matrix with counts and payments' })
  @ApiOkResponse({ type: AbcXyzDto })
  @ApiErrors({ 422: ['period_invalid', 'thresholds_invalid'] })
  matrix(@Query() q: AbcXyzQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<AbcXyzDto> {
    return this.abcXyz.matrix(q, user);
  }

  @Get('abc-xyz/clients')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'Drill-down: the clients of a class or a cell' })
  @ApiPageResponse(AbcXyzClientDto)
  @ApiErrors({ 422: ['period_invalid', 'thresholds_invalid'] })
  matrixClients(@Query() q: AbcXyzClientsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<AbcXyzClientDto>> {
    return this.abcXyz.clients(q, user);
  }

  @Get('suppressions')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'The global suppression list: no mailing ever goes to these addresses' })
  @ApiPageResponse(SuppressionDto)
  suppressions(@Query() q: SuppressionListQueryDto): Promise<Page<SuppressionDto>> {
    return this.consents.suppressions(q);
  }

  @Post('suppressions')
  @HttpCode(204)
  @RequirePermission('marketing.write')
  @ApiNoContentResponse({ description: 'The address is suppressed' })
  async suppress(@Body() body: AddSuppressionDto, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.consents.suppress(body.address, body.note ?? null, user);
  }

  @Post('suppressions/remove')
  @HttpCode(204)
  @RequirePermission('marketing.write')
  @ApiNoContentResponse({ description: 'The address may receive mailings again' })
  @ApiErrors({ 404: [] })
  async unsuppress(@Body() body: RemoveSuppressionDto): Promise<void> {
    await this.consents.unsuppress(body.address);
  }
}

@ApiTags('marketing')
@Controller('mailings')
export class MailingsController {
  constructor(private readonly mailings: MailingsService) {}

  @Get()
  @RequirePermission('marketing.read')
  @ApiPageResponse(MailingDto)
  list(@Query() q: PageQueryDto): Promise<Page<MailingDto>> {
    return this.mailings.list(q);
  }

  @Post()
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'A draft mailing; an unknown placeholder is a 422 naming it' })
  @ApiCreatedResponse({ type: MailingDto })
  @ApiErrors({ 404: [], 422: ['unknown_placeholder'] })
  create(@Body() body: CreateMailingDto, @CurrentUser() user: AuthenticatedUser): Promise<MailingDto> {
    return this.mailings.create(body, user);
  }

  @Get(':id')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'The mailing with its delivery counts (progress)' })
  @ApiOkResponse({ type: MailingDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string): Promise<MailingDto> {
    return this.mailings.get(id);
  }

  @Patch(':id')
  @RequirePermission('marketing.write')
  @ApiOkResponse({ type: MailingDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['unknown_placeholder', 'mailing_not_draft'] })
  update(@UuidParam() id: string, @Body() body: UpdateMailingDto, @CurrentUser() user: AuthenticatedUser): Promise<MailingDto> {
    return this.mailings.update(id, body, user);
  }

  @Get(':id/preview')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'Subject, HTML and text filled in for one recipient, and how many would receive it' })
  @ApiOkResponse({ type: PreviewDto })
  @ApiErrors({ 404: [] })
  preview(@UuidParam() id: string, @Query() q: PreviewQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<PreviewDto> {
    return this.mailings.preview(id, q.contactId, user);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Send the mail to yourself now' })
  @ApiOkResponse({ type: TestSentDto })
  @ApiErrors({ 404: [], 422: ['smtp_failed'] })
  test(@UuidParam() id: string, @Body() body: TestSendDto, @CurrentUser() user: AuthenticatedUser): Promise<TestSentDto> {
    return this.mailings.testSend(id, body.contactId, user);
  }

  @Post(':id/send')
  @HttpCode(200)
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Start sending in the background: one delivery per address, each sent exactly once' })
  @ApiOkResponse({ type: MailingDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['mailing_not_draft', 'unknown_placeholder'] })
  send(@UuidParam() id: string, @Body() body: VersionDto, @CurrentUser() user: AuthenticatedUser): Promise<MailingDto> {
    return this.mailings.send(id, body.version, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Stop sending: what is not yet sent is not sent' })
  @ApiOkResponse({ type: MailingDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['mailing_not_cancellable'] })
  cancel(@UuidParam() id: string, @Body() body: VersionDto, @CurrentUser() user: AuthenticatedUser): Promise<MailingDto> {
    return this.mailings.cancel(id, body.version, user);
  }

  @Get(':id/deliveries')
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'The delivery log: state and SMTP answer per address' })
  @ApiPageResponse(DeliveryDto)
  @ApiErrors({ 404: [] })
  deliveries(@UuidParam() id: string, @Query() q: DeliveryListQueryDto): Promise<Page<DeliveryDto>> {
    return this.mailings.deliveries(id, q);
  }
}

@ApiTags('marketing')
@Controller('clients/:clientId/contacts/:contactId/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'Consent history of a contact (latest first; the latest per channel is in force)' })
  @ApiOkResponse({ type: [ConsentDto] })
  @ApiErrors({ 404: [] })
  list(@UuidParam('clientId') clientId: string, @UuidParam('contactId') contactId: string, @CurrentUser() user: AuthenticatedUser): Promise<ConsentDto[]> {
    return this.consents.consents(clientId, contactId, user);
  }

  @Post()
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Record that the contact gave or withdrew consent: when, how; who is you' })
  @ApiCreatedResponse({ type: [ConsentDto] })
  @ApiErrors({ 404: [] })
  record(@UuidParam('clientId') clientId: string, @UuidParam('contactId') contactId: string, @Body() body: RecordConsentDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsentDto[]> {
    return this.consents.recordConsent(clientId, contactId, body, user);
  }
}

/**
 * The unsubscribe link of every mail. GET only tells what the link would do (link
 * scanners and previews fetch links; they must not unsubscribe anyone); POST — the
 * button on the page, or the mail client's one-click (RFC 8058) — unsubscribes.
 */
@ApiTags('marketing')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the address of the link is unsubscribed (changes nothing)' })
  @ApiOkResponse({ type: UnsubscribeStatusDto })
  @ApiErrors({ 404: [] })
  status(@Query() q: UnsubscribeQueryDto): Promise<UnsubscribeStatusDto> {
    return this.consents.unsubscribeStatus(q.token);
  }

  @Post()
  @HttpCode(200)
  @Public()
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data', 'application/json')
  @ApiOperation({ summary: 'Unsubscribe the address of the link from every mailing (one-click, RFC 8058)' })
  @ApiOkResponse({ type: UnsubscribeStatusDto })
  @ApiErrors({ 404: [] })
  unsubscribe(@Query() q: UnsubscribeQueryDto): Promise<UnsubscribeStatusDto> {
    return this.consents.unsubscribe(q.token);
  }
}
