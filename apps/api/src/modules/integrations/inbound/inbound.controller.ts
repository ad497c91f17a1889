import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermission } from '../../../common/auth/decorators';
import { ApiErrors } from '../../../common/errors/api-errors.decorator';
import { DomainError, ValidationFailedError } from '../../../common/errors/domain-error';
import { ErrorResponseDto } from '../../../common/errors/error-response.dto';
import { UuidParam } from '../../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import {
  AssignEmailDto,
  CallDto,
  CallEventDto,
  InboundEmailDto,
  InboundSettingsDto,
  LeadAcceptedDto,
  MangoAckDto,
  MangoSummaryFormDto,
  PublicLeadDto,
  ReviewQueryDto,
  UpdateInboundSettingsDto,
} from './inbound.dto';
import { InboundService } from './inbound.service';
import { fromMangoSummary } from './mango-adapter';

/** The website lead form: no sign-in; per-address rate limit, honeypot, optional site key. */
@ApiTags('integrations')
@Controller('public/leads')
export class PublicLeadsController {
  constructor(private readonly inbound: InboundService) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({
    summary: 'A lead from the website form: matches or creates the client, opens a deal in the first stage, gives the manager on duty a task',
    description:
      'Limited per client address (LEADS_PER_MINUTE_PER_IP, 429 with Retry-After). The field `website` is a honeypot: leave it out of the visible form. ' +
      'The answer says nothing about the client base.',
  })
  @ApiCreatedResponse({ type: LeadAcceptedDto })
  @ApiErrors({ 400: [], 422: ['spam_refused', 'no_managers_on_duty'] })
  @ApiResponse({ status: 403, type: ErrorResponseDto, description: 'Wrong or missing site key. Codes: `site_key_invalid`' })
  @ApiResponse({ status: 429, type: ErrorResponseDto, description: 'Too many forms from this address. Codes: `rate_limited`' })
  async submit(@Body() body: PublicLeadDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LeadAcceptedDto> {
    await this.inbound.submitLead(body, req.ip ?? 'unknown', (name, value) => res.setHeader(name, value));
    return { status: 'received' };
  }
}

/**
 * Inbound channels for machines (PBX, mail server) with an API token of a role that may
 * manage integrations, and their settings for administrators.
 */
@ApiTags('integrations')
@Controller('integrations')
export class InboundController {
  constructor(
    private readonly inbound: InboundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('inbound/settings')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Site key, managers on duty and lead channel' })
  @ApiOkResponse({ type: InboundSettingsDto })
  settings(): Promise<InboundSettingsDto> {
    return this.inbound.settings();
  }

  @Put('inbound/settings')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Change the inbound settings (a new list of managers on duty starts the round from its first)' })
  @ApiOkResponse({ type: InboundSettingsDto })
  @ApiErrors({ 400: [] })
  updateSettings(@Body() body: UpdateInboundSettingsDto): Promise<InboundSettingsDto> {
    return this.inbound.updateSettings(body);
  }

  @Post('telephony/calls')
  @RequirePermission('integrations.manage')
  @ApiOperation({
    summary: 'A finished call from the PBX (Polar’s own format; see docs/integrations-telephony.md)',
    description:
      'Finds the client by the number in any format; records the call on the client’s timeline; a missed incoming call gives the manager a «перезвонить» task; ' +
      'an incoming call from an unknown number creates a lead. The same callId is recorded once.',
  })
  @ApiCreatedResponse({ type: CallDto })
  @ApiErrors({ 400: [], 422: ['no_managers_on_duty'] })
  call(@Body() body: CallEventDto): Promise<CallDto> {
    return this.inbound.recordCall(InboundService.fromGeneric(body));
  }

  @Post('telephony/mango/events/summary')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: MangoSummaryFormDto })
  @ApiOperation({
    summary: 'Mango Office adapter: its «events/summary» webhook (set the API address to …/api/integrations/telephony/mango)',
    description: 'Internal calls are acknowledged and ignored. Mango sends no recording link in the summary; recordings are not fetched.',
  })
  @ApiOkResponse({ type: MangoAckDto })
  @ApiErrors({ 400: [], 422: ['no_managers_on_duty'] })
  async mango(@Req() req: Request): Promise<MangoAckDto> {
    const form = await formOf(req, this.config.bodyLimitBytes);
    const json = form.json;
    if (typeof json !== 'string') throw new ValidationFailedError([{ field: 'json', message: 'the summary JSON is required' }]);
    const event = fromMangoSummary(json);
    if (!event) return { recorded: false, call: null };
    return { recorded: true, call: await this.inbound.recordCall(event) };
  }

  @Post('email/inbound')
  @RequirePermission('integrations.manage')
  @ApiConsumes('message/rfc822')
  @ApiBody({ description: 'The raw message (RFC 5322), as an MTA pipe or a mail service hands it over', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'An inbound e-mail: attached to the client with the sender’s address, else put on the review list' })
  @ApiCreatedResponse({ type: InboundEmailDto })
  @ApiErrors({ 400: [] })
  async email(@Req() req: Request): Promise<InboundEmailDto> {
    // Messages carry attachments: their limit is that of a typical mail server, not of JSON bodies.
    return this.inbound.receiveEmail(await rawBody(req, Math.max(this.config.bodyLimitBytes, EMAIL_LIMIT_BYTES)));
  }

  @Get('email/review')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'E-mails from unknown senders, newest first' })
  @ApiPageResponse(InboundEmailDto)
  review(@Query() query: ReviewQueryDto): Promise<Page<InboundEmailDto>> {
    return this.inbound.reviewList(query);
  }

  @Post('email/:id/assign')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Attach a reviewed e-mail to a client (it joins the client’s timeline)' })
  @ApiOkResponse({ type: InboundEmailDto })
  @ApiErrors({ 400: [], 404: [], 422: ['already_attached'] })
  assign(@UuidParam() id: string, @Body() body: AssignEmailDto): Promise<InboundEmailDto> {
    return this.inbound.assignEmail(id, body.clientId);
  }
}

const EMAIL_LIMIT_BYTES = 25 * 1024 * 1024;

/** The request body as bytes: only JSON is parsed globally, and a message's charset must survive untouched. */
async function rawBody(req: Request, limit: number): Promise<Buffer> {
  if (req.readableEnded || (req as { _body?: boolean })._body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DomainError(413, 'payload_too_large', `The body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A form post (Mango Office) or the same fields as JSON. */
async function formOf(req: Request, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams((await rawBody(req, limit)).toString('utf8')));
}
