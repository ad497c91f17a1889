import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import {
  CancelTaskDto,
  CompleteTaskDto,
  CreateFromTemplateDto,
  CreateTaskDto,
  DayQueryDto,
  EmployeeStatsDto,
  MyDayDto,
  MyDayQueryDto,
  CopyPlansDto,
  CopyPlansResultDto,
  PlanDto,
  PlanListQueryDto,
  PlanProgressDto,
  PlanProgressQueryDto,
  SetPlanDto,
  StatsQueryDto,
  TaskDto,
  TaskListQueryDto,
  TaskTemplateDto,
  TeamDayDto,
  UpdatePlanDto,
  UpdateTaskDto,
} from './dto/planning.dto';
import { PlansService } from './plans.service';
import { TASK_TEMPLATES } from './task-templates';
import { TasksService } from './tasks.service';
import { MyDayService } from './my-day.service';
import { ApiErrors } from '../../common/errors/api-errors.decorator';

@ApiTags('planning')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @RequirePermission('planning.read')
  @ApiOperation({ summary: 'Your tasks and those on clients in your scope (heads: everyone’s)' })
  @ApiPageResponse(TaskDto)
  list(@Query() query: TaskListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<TaskDto>> {
    return this.tasks.list(query, user);
  }

  @Post()
  @RequirePermission('planning.write')
  @ApiCreatedResponse({ type: TaskDto })
  @ApiErrors({ 404: [], 422: ['assignee_not_allowed', 'assignee_not_found', 'link_mismatch'] })
  create(@Body() body: CreateTaskDto, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.create(body, user);
  }

  @Get(':id')
  @RequirePermission('planning.read')
  @ApiOkResponse({ type: TaskDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.getDto(id, user);
  }

  @Patch(':id')
  @RequirePermission('planning.write')
  @ApiOperation({ summary: 'Change or reschedule a planned task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors({ 403: ['read_only'], 404: [], 409: ['stale_version'], 422: ['task_closed', 'assignee_not_allowed'] })
  update(@UuidParam() id: string, @Body() body: UpdateTaskDto, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.update(id, body, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermission('planning.write')
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors({ 403: ['read_only'], 404: [], 409: ['stale_version'], 422: ['task_closed'] })
  complete(@UuidParam() id: string, @Body() body: CompleteTaskDto, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.complete(id, body, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('planning.write')
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors({ 403: ['read_only'], 404: [], 409: ['stale_version'], 422: ['task_closed'] })
  cancel(@UuidParam() id: string, @Body() body: CancelTaskDto, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.cancel(id, body.version, body.reason, user);
  }
}

@ApiTags('planning')
@Controller('task-templates')
export class TaskTemplatesController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @RequirePermission('planning.read')
  @ApiOkResponse({ type: [TaskTemplateDto], description: 'Reminder templates' })
  list(): TaskTemplateDto[] {
    return TASK_TEMPLATES.map((t) => ({ ...t }));
  }

  @Post(':code/tasks')
  @RequirePermission('planning.write')
  @ApiOperation({ summary: 'Make a task from a template in one step' })
  @ApiCreatedResponse({ type: TaskDto })
  create(@Param('code') code: string, @Body() body: CreateFromTemplateDto, @CurrentUser() user: AuthenticatedUser): Promise<TaskDto> {
    return this.tasks.createFromTemplate(code, body, user);
  }
}

@ApiTags('planning')
@Controller('planning')
export class PlanningController {
  constructor(
    private readonly tasks: TasksService,
    private readonly days: MyDayService,
  ) {}

  @Get('my-day')
  @RequirePermission('planning.read')
  @ApiOperation({ summary: '«Мои дела»: the day’s plan, what is done, and overdue carried over' })
  @ApiOkResponse({ type: MyDayDto })
  myDay(@Query() query: MyDayQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<MyDayDto> {
    return this.days.myDay(query.date, user, query.expand);
  }

  @Get('team-day')
  @RequirePermission('planning.team')
  @ApiOperation({ summary: 'Every employee’s planned / done / overdue for a day' })
  @ApiOkResponse({ type: TeamDayDto })
  teamDay(@Query() query: DayQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<TeamDayDto> {
    return this.tasks.teamDay(query.date, user);
  }

  @Get('stats')
  @RequirePermission('planning.read')
  @ApiOperation({ summary: 'Done / overdue / planned contacts per employee for a period (your own without the team permission)' })
  @ApiOkResponse({ type: [EmployeeStatsDto] })
  stats(@Query() query: StatsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<EmployeeStatsDto[]> {
    return this.tasks.stats(query, user);
  }
}

@ApiTags('planning')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @RequirePermission('planning.read')
  @ApiPageResponse(PlanDto)
  list(@Query() query: PlanListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<PlanDto>> {
    return this.plans.list(query, user);
  }

  @Post()
  @RequirePermission('plans.manage')
  @ApiCreatedResponse({ type: PlanDto })
  @ApiErrors({ 422: ['not_a_manager', 'plan_exists'] })
  set(@Body() body: SetPlanDto, @CurrentUser() user: AuthenticatedUser): Promise<PlanDto> {
    return this.plans.set(body, user);
  }

  @Post('copy-previous')
  @HttpCode(200)
  @RequirePermission('plans.manage')
  @ApiOperation({ summary: "Copies last month's plans of the caller's team to the month (missing ones only; idempotent). dryRun counts without creating" })
  @ApiOkResponse({ type: CopyPlansResultDto })
  copyPrevious(@Body() body: CopyPlansDto, @CurrentUser() user: AuthenticatedUser): Promise<CopyPlansResultDto> {
    return this.plans.copyPrevious(body, user);
  }

  @Get('progress')
  @RequirePermission('planning.read')
  @ApiOperation({ summary: 'Plan vs actual of many plans at once (e.g. one list page); any id out of scope is a 404' })
  @ApiOkResponse({ type: [PlanProgressDto] })
  @ApiErrors({ 404: [] })
  progressMany(@Query() query: PlanProgressQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<PlanProgressDto[]> {
    return this.plans.progressMany(query.ids, user);
  }

  @Patch(':id')
  @RequirePermission('plans.manage')
  @ApiOkResponse({ type: PlanDto })
  @ApiErrors({ 404: [], 409: ['stale_version'] })
  update(@UuidParam() id: string, @Body() body: UpdatePlanDto, @CurrentUser() user: AuthenticatedUser): Promise<PlanDto> {
    return this.plans.update(id, body, user);
  }

  @Get(':id/progress')
  @RequirePermission('planning.read')
  @ApiOperation({ summary: 'Plan vs actual: payments, won deals, done calls and meetings in the month' })
  @ApiOkResponse({ type: PlanProgressDto })
  progress(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<PlanProgressDto> {
    return this.plans.progress(id, user);
  }
}
