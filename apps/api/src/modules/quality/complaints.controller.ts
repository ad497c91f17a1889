import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintRequestsService } from './complaint-requests.service';
import { ComplaintsService } from './complaints.service';
import {
  AnswerComplaintDto,
  AnswerRequestDto,
  CallbackDto,
  CloseComplaintDto,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintListQueryDto,
  ComplaintStatsDto,
  CreateComplaintDto,
  CreateRequestDto,
  MyRequestDto,
  QualityNoticeDto,
  QualityPersonDto,
  RejectComplaintDto,
  StatsQueryDto,
  UpdateComplaintDto,
  VersionDto,
} from './dto/complaint.dto';

const CHANGE_ERRORS = { 403: ['forbidden'], 404: [], 409: ['stale_version'], 422: ['invalid_transition'] };

@ApiTags('quality')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly statsService: ComplaintStatsService,
    private readonly requests: ComplaintRequestsService,
  ) {}

  @Get()
  @RequirePermission('complaints.read')
  @ApiOperation({ summary: 'Complaints in your reach: open ones first, nearest deadline first' })
  @ApiPageResponse(ComplaintDto)
  list(@Query() query: ComplaintListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ComplaintDto>> {
    return this.complaints.list(query, user);
  }

  @Post()
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Register a complaint; its deadline is N working days after arrival (production calendar)' })
  @ApiCreatedResponse({ type: ComplaintDetailDto })
  @ApiErrors({ 404: [], 422: ['received_in_future', 'wrong_department', 'deal_of_other_client', 'equipment_of_other_client'] })
  create(@Body() body: CreateComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.create(body, user);
  }

  @Get('stats')
  @RequirePermission('complaints.read')
  @ApiOperation({ summary: 'Received, closed in time, breached, processing time — by subject, employee, equipment and decision' })
  @ApiOkResponse({ type: ComplaintStatsDto })
  @ApiErrors({ 422: ['invalid_period', 'period_too_long'] })
  stats(@Query() query: StatsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintStatsDto> {
    return this.statsService.stats(query.from, query.to, user);
  }

  @Get('requests/mine')
  @RequirePermission('complaints.read')
  @ApiOperation({ summary: 'Department requests addressed to you, open first' })
  @ApiOkResponse({ type: [MyRequestDto] })
  myRequests(@CurrentUser() user: AuthenticatedUser): Promise<MyRequestDto[]> {
    return this.requests.myRequests(user);
  }

  @Get('notices/mine')
  @RequirePermission('complaints.read')
  @ApiOperation({ summary: 'Escalations of breached deadlines sent to you' })
  @ApiOkResponse({ type: [QualityNoticeDto] })
  myNotices(@CurrentUser() user: AuthenticatedUser): Promise<QualityNoticeDto[]> {
    return this.complaints.myNotices(user);
  }

  @Get('people')
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Active staff to name as a subject or to ask (names and roles only)' })
  @ApiOkResponse({ type: [QualityPersonDto] })
  people(): Promise<QualityPersonDto[]> {
    return this.complaints.people();
  }

  @Get(':id')
  @RequirePermission('complaints.read')
  @ApiOkResponse({ type: ComplaintDetailDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('quality.write')
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors({ ...CHANGE_ERRORS, 422: ['complaint_finished', 'wrong_department'] })
  update(@UuidParam() id: string, @Body() body: UpdateComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.update(id, body, user);
  }

  @Post(':id/register')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'A draft (opened by a low survey rating) becomes a new complaint' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors(CHANGE_ERRORS)
  register(@UuidParam() id: string, @Body() body: VersionDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.move(id, 'new', body.version, user);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'new → in progress' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors(CHANGE_ERRORS)
  start(@UuidParam() id: string, @Body() body: VersionDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.move(id, 'in_progress', body.version, user);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Record the answer given to the client (→ answered)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors(CHANGE_ERRORS)
  answer(@UuidParam() id: string, @Body() body: AnswerComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.answer(id, body, user);
  }

  @Post(':id/callback')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Record the call back to the client: who, when, outcome' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors({ ...CHANGE_ERRORS, 422: ['invalid_status', 'callback_in_future', 'callback_before_complaint'] })
  callback(@UuidParam() id: string, @Body() body: CallbackDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.callback(id, body, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Close an answered complaint: needs the call back and a decision; stores the processing time' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors({ ...CHANGE_ERRORS, 422: ['invalid_transition', 'callback_required'] })
  close(@UuidParam() id: string, @Body() body: CloseComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.close(id, body, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Reject the complaint with a reason' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors(CHANGE_ERRORS)
  reject(@UuidParam() id: string, @Body() body: RejectComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.reject(id, body, user);
  }

  @Post(':id/requests')
  @RequirePermission('quality.write')
  @ApiOperation({ summary: 'Ask legal, service or sales staff for input, with their own deadline (a task in their «Мои дела»)' })
  @ApiCreatedResponse({ type: ComplaintDetailDto })
  @ApiErrors({ ...CHANGE_ERRORS, 422: ['invalid_status', 'wrong_department', 'deadline_day_off', 'deadline_past'] })
  createRequest(@UuidParam() id: string, @Body() body: CreateRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.requests.createRequest(id, body, user);
  }

  @Post(':id/requests/:requestId/answer')
  @HttpCode(200)
  @RequirePermission('complaints.answer')
  @ApiOperation({ summary: 'The person asked records the answer' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiErrors({ 403: ['not_addressee'], 404: [], 409: ['stale_version'], 422: ['already_answered'] })
  answerRequest(
    @UuidParam() id: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: AnswerRequestDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ComplaintDetailDto> {
    return this.requests.answerRequest(id, requestId, body, user);
  }
}
