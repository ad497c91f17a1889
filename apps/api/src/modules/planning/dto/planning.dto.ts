import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES, type TaskPriority, type TaskStatus, type TaskType } from '../entities/task.entity';
import { IsDay, IsInstant } from '../../../common/validation/dates';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TASK_TYPES, enumName: 'TaskType' }) type: TaskType;
  @ApiProperty({ example: 'Проконтролировать оплату' }) subject: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) goal: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId: string | null;
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: TASK_PRIORITIES, enumName: 'TaskPriority' }) priority: TaskPriority;
  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' }) status: TaskStatus;
  @ApiProperty({ description: 'Planned and past due' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) result: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) templateCode: string | null;
  @ApiProperty({ example: 'manual' }) source: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Whether the caller may edit, complete or cancel this task (otherwise it is read-only for them)' }) canChange: boolean;
}

export class TaskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks given by this person' }) @IsOptional() @IsUUID() authorId?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus' }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional({ enum: TASK_TYPES, enumName: 'TaskType' }) @IsOptional() @IsIn(TASK_TYPES) type?: TaskType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() invoiceId?: string;
  @ApiPropertyOptional({ description: 'Only planned tasks past due' }) @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due on or after (Moscow day)' }) @IsOptional() @IsDay() dueFrom?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due on or before (Moscow day)' }) @IsOptional() @IsDay() dueTo?: string;
}

export class CreateTaskDto {
  @ApiProperty({ enum: TASK_TYPES, enumName: 'TaskType' }) @IsIn(TASK_TYPES) type: TaskType;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) subject: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) goal?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() invoiceId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to you; heads may give tasks to anyone' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiProperty({ format: 'date-time' }) @IsInstant() dueAt: string;
  @ApiPropertyOptional({ enum: TASK_PRIORITIES, enumName: 'TaskPriority' }) @IsOptional() @IsIn(TASK_PRIORITIES) priority?: TaskPriority;
}

export class UpdateTaskDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) subject?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) goal?: string | null;
  @ApiPropertyOptional({ format: 'date-time', description: 'Reschedule' }) @IsOptional() @IsInstant() dueAt?: string;
  @ApiPropertyOptional({ enum: TASK_PRIORITIES, enumName: 'TaskPriority' }) @IsOptional() @IsIn(TASK_PRIORITIES) priority?: TaskPriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class CompleteTaskDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 'Клиент подтвердил оплату до пятницы' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(5000) result: string;
}

export class CancelTaskDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class TaskTemplateDto {
  @ApiProperty({ example: 'call_back' }) code: string;
  @ApiProperty({ example: 'Перезвонить' }) name: string;
  @ApiProperty({ enum: TASK_TYPES, enumName: 'TaskType' }) type: TaskType;
  @ApiProperty({ description: 'Working-day offset of the due date from today' }) dueInDays: number;
}

export class CreateFromTemplateDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() invoiceId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults by the template' }) @IsOptional() @IsInstant() dueAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) goal?: string | null;
}

export class DayQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Defaults to today (Moscow)' }) @IsOptional() @IsDay() date?: string;
}

/** The lists of «Мои дела». */
export const DAY_LISTS = ['planned', 'done', 'overdue'] as const;
export type DayListName = (typeof DAY_LISTS)[number];
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value);

export class MyDayQueryDto extends DayQueryDto {
  @ApiPropertyOptional({
    enum: DAY_LISTS,
    isArray: true,
    description: 'Lists to show in full (up to 500 tasks each) instead of their first 50: «Показать все»',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(DAY_LISTS, { each: true })
  @ArrayMaxSize(3)
  expand?: DayListName[];
}

/**
 * A task as «Мои дела» shows it: the fields of its row and of the complete / reschedule /
 * priority / cancel actions. The task's own page (TaskDto) has the rest (description, the
 * contact, deal and invoice, the template, the assignee's name — the assignee is the reader).
 */
export class DayTaskDto extends PickType(TaskDto, [
  'id', 'type', 'subject', 'goal', 'clientId', 'clientName', 'assigneeId', 'authorId', 'authorName',
  'dueAt', 'priority', 'status', 'overdue', 'result', 'completedAt', 'source', 'version', 'canChange',
] as const) {}

export class MyDayTotalsDto {
  @ApiProperty() planned: number;
  @ApiProperty() done: number;
  @ApiProperty() overdue: number;
}

export class MyDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [DayTaskDto], description: 'Planned for the day, by priority then time (the first 50, or 500 when expanded; the count is in totals)' }) planned: DayTaskDto[];
  @ApiProperty({ type: [DayTaskDto], description: 'Done on the day, in completion order (the first 50, or 500 when expanded)' }) done: DayTaskDto[];
  @ApiProperty({ type: [DayTaskDto], description: 'Planned before the day and not done: carried over, oldest first (the first 50, or 500 when expanded)' }) overdue: DayTaskDto[];
  @ApiProperty({ type: MyDayTotalsDto, description: 'How many tasks each list has in full (a list shows its first 50, or 500 when expanded)' }) totals: MyDayTotalsDto;
}

export class TeamMemberDayDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() role: string;
  @ApiProperty({ description: 'Tasks due that day, done or still open (the day\'s plan)' }) planned: number;
  @ApiProperty() done: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ type: [TaskDto], description: 'The day’s tasks and the overdue ones (at most 50)' }) items: TaskDto[];
}

export class TeamDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [TeamMemberDayDto] }) members: TeamMemberDayDto[];
}

export class StatsQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
}

export class EmployeeStatsDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Contacts done in the period' }) done: number;
  @ApiProperty({ description: 'Due in the period, still planned and past due now' }) overdue: number;
  @ApiProperty({ description: 'Due in the period, still planned and not yet due' }) planned: number;
}

/**
 * A revenue target: a non-negative amount of roubles. A minus sign gets its own message
 * (checked first, so the field error says what is wrong rather than the amount format).
 */
function IsPlanAmount(): PropertyDecorator {
  return (target, key) => {
    // The format allows a minus so that "-5" gets only the one message that says what is wrong.
    Matches(/^-?\d{1,12}(\.\d{1,2})?$/, { message: 'revenueTarget must be an amount like 3500000.00' })(target, key);
    NotNegative()(target, key);
  };
}

function NotNegative(): PropertyDecorator {
  return (target, key) =>
    ValidateBy(
      {
        name: 'notNegative',
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || !value.trim().startsWith('-'),
          defaultMessage: () => 'revenueTarget cannot be negative',
        },
      },
      {},
    )(target, key as string);
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty() managerName: string;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ example: '3500000.00' }) revenueTarget: string;
  @ApiProperty() wonDealsTarget: number;
  @ApiProperty() callsTarget: number;
  @ApiProperty() meetingsTarget: number;
  @ApiProperty() version: number;
}

export class PlanListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managerId?: string;
}

export class SetPlanDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() managerId: string;
  @ApiProperty({ example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month: string;
  @ApiProperty({ example: '3500000.00' }) @IsPlanAmount() revenueTarget: string;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) wonDealsTarget: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) callsTarget: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) meetingsTarget: number;
}

export class UpdatePlanDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsPlanAmount() revenueTarget?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) wonDealsTarget?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) callsTarget?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) meetingsTarget?: number;
}

export class PlanMetricDto {
  @ApiProperty() target: string;
  @ApiProperty() actual: string;
  @ApiProperty({ description: 'actual / target, percent (0 when there is no target)' }) percent: number;
}

export class PlanProgressDto {
  @ApiProperty({ type: PlanDto }) plan: PlanDto;
  @ApiProperty({ type: PlanMetricDto, description: 'Payments received on the manager’s clients’ invoices in the month, ₽' }) revenue: PlanMetricDto;
  @ApiProperty({ type: PlanMetricDto }) wonDeals: PlanMetricDto;
  @ApiProperty({ type: PlanMetricDto }) calls: PlanMetricDto;
  @ApiProperty({ type: PlanMetricDto }) meetings: PlanMetricDto;
}

const splitIds = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;

export class PlanProgressQueryDto {
  @ApiProperty({ type: String, description: 'Comma-separated plan ids (at most 100), e.g. the plans on one page of the list', example: '5b1c…,9e2f…' })
  @Transform(splitIds)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class CopyPlansDto {
  @ApiProperty({ example: '2026-12', description: 'The month to fill; plans are copied from the month before it' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiPropertyOptional({ description: 'Only count what would be created (for the confirmation), change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class CopyPlansResultDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ example: '2026-11' }) fromMonth: string;
  @ApiProperty({ description: 'Plans created (with dryRun: that would be created)' }) created: number;
  @ApiProperty({ description: 'Managers of the previous month who already have a plan for this month or are no longer active sales managers' }) skipped: number;
  @ApiProperty({ type: [PlanDto], description: 'The plans created (empty with dryRun)' }) items: PlanDto[];
}
