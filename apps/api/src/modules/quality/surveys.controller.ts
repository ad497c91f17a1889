import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { Clock } from '../../common/context/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RateLimiter, rateLimitHeaders } from '../integrations/rate-limiter';
import {
  CreateSurveyDto,
  InvitationDto,
  InviteDto,
  InviteResultDto,
  PhoneResponseDto,
  PublicAnswerDto,
  PublicSurveyDto,
  PublicTokenQueryDto,
  ResponseDto,
  ResultsQueryDto,
  SurveyDto,
  SurveyResultsDto,
  UpdateSurveyDto,
} from './dto/survey.dto';
import { SurveysService } from './surveys.service';

@ApiTags('quality')
@Controller('surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get()
  @RequirePermission('quality.read')
  @ApiOperation({ summary: 'Questionnaires (the quality department and the heads)' })
  @ApiOkResponse({ type: [SurveyDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<SurveyDto[]> {
    return this.surveys.list(user);
  }

  @Post()
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Create a questionnaire: rating 1–5, NPS 0–10, single or multiple choice, text' })
  @ApiCreatedResponse({ type: SurveyDto })
  create(@Body() body: CreateSurveyDto, @CurrentUser() user: AuthenticatedUser): Promise<SurveyDto> {
    return this.surveys.create(body, user);
  }

  @Get(':id')
  @RequirePermission('quality.read')
  @ApiOkResponse({ type: SurveyDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<SurveyDto> {
    return this.surveys.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Edit, activate or archive; questions only while nobody has answered' })
  @ApiOkResponse({ type: SurveyDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['survey_answered'] })
  update(@UuidParam() id: string, @Body() body: UpdateSurveyDto, @CurrentUser() user: AuthenticatedUser): Promise<SurveyDto> {
    return this.surveys.update(id, body, user);
  }

  @Post(':id/invitations')
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'E-mail invitations with a personal public link (no mail transport yet: the links are returned to send)' })
  @ApiCreatedResponse({ type: InviteResultDto })
  @ApiErrors({ 404: [], 422: ['survey_not_active'] })
  invite(@UuidParam() id: string, @Body() body: InviteDto, @CurrentUser() user: AuthenticatedUser): Promise<InviteResultDto> {
    return this.surveys.invite(id, body.clientIds, user);
  }

  @Get(':id/invitations')
  @RequirePermission('quality.read')
  @ApiOkResponse({ type: [InvitationDto] })
  invitations(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<InvitationDto[]> {
    return this.surveys.invitations(id, user);
  }

  @Post(':id/responses')
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Answers taken by phone; a low rating opens a complaint draft' })
  @ApiCreatedResponse({ type: ResponseDto })
  @ApiErrors({ 404: [], 409: ['already_answered'], 422: ['survey_archived', 'equipment_of_other_client'] })
  respond(@UuidParam() id: string, @Body() body: PhoneResponseDto, @CurrentUser() user: AuthenticatedUser): Promise<ResponseDto> {
    return this.surveys.phoneResponse(id, body, user);
  }

  @Get(':id/results')
  @RequirePermission('quality.read')
  @ApiOperation({ summary: 'Results per question (distribution, mean, NPS), per employee and equipment unit' })
  @ApiOkResponse({ type: SurveyResultsDto })
  results(@UuidParam() id: string, @Query() query: ResultsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<SurveyResultsDto> {
    return this.surveys.results(id, query, user);
  }
}

const TOO_MANY = 'Too many requests from this address; Retry-After says when to try again';

/**
 * The public survey page's API: the personal token is the only key (no sign-in). Each
 * address gets a token bucket (the integrations API's limiter), so nobody can walk the
 * token space or flood the answers; refused calls are 429 with Retry-After.
 */
@ApiTags('quality')
@Controller('public/survey')
export class PublicSurveyController {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly surveys: SurveysService,
    clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new RateLimiter(() => clock.now().getTime());
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'The questionnaire behind a personal link, and whether it can still be answered' })
  @ApiOkResponse({ type: PublicSurveyDto })
  @ApiErrors({ 404: [] })
  @ApiTooManyRequestsResponse({ description: TOO_MANY, type: ErrorResponseDto })
  get(@Query() query: PublicTokenQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PublicSurveyDto> {
    this.limit(req, res);
    return this.surveys.publicGet(query.token);
  }

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Answer once per link, before it expires' })
  @ApiCreatedResponse({ type: ResponseDto })
  @ApiErrors({ 404: [], 409: ['already_answered'], 422: ['link_expired'] })
  @ApiTooManyRequestsResponse({ description: TOO_MANY, type: ErrorResponseDto })
  async answer(@Body() body: PublicAnswerDto, @Req() req: Request, @Res({ passthrough: true }) reply: Response): Promise<ResponseDto> {
    this.limit(req, reply);
    const res = await this.surveys.publicAnswer(body.token, body.answers);
    // An anonymous answerer learns nothing about the client or a complaint.
    return { ...res, clientId: null, complaintId: null };
  }

  /** One request of this address: the RateLimit-* headers always, 429 once its bucket is empty. */
  private limit(req: Request, res: Response): void {
    const perMinute = this.config.quality.publicSurveyPerMinute;
    const decision = this.limiter.take(`survey:${req.ip ?? 'unknown'}`, perMinute / 60, perMinute);
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
    if (!decision.allowed) throw new DomainError(429, 'too_many_requests', TOO_MANY, undefined, { retryAfterSeconds: decision.retryAfterSeconds });
  }
}
