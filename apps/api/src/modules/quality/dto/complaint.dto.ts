import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay, IsInstant } from '../../../common/validation/dates';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_DECISIONS,
  COMPLAINT_STATUSES,
  COMPLAINT_SUBJECTS,
  REQUEST_DEPARTMENTS,
  type ComplaintChannel,
  type ComplaintDecision,
  type ComplaintStatus,
  type ComplaintSubject,
  type RequestDepartment,
} from '../complaint-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ComplaintRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ enum: REQUEST_DEPARTMENTS, enumName: 'RequestDepartment' }) department: RequestDepartment;
  @ApiProperty({ format: 'uuid' }) addresseeId: string;
  @ApiProperty() addresseeName: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'date' }) deadlineDay: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ enum: ['open', 'answered'] }) status: 'open' | 'answered';
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredByName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The task in the addressee\'s «Мои дела»' }) taskId: string | null;
  @ApiProperty({ description: 'Answered after the deadline, or still open past it; stays true once set' }) breached: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class ComplaintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 12 }) number: number;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ enum: COMPLAINT_SUBJECTS, enumName: 'ComplaintSubject' }) subjectKind: ComplaintSubject;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectEmployeeId: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectEmployeeName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'An equipment unit of the service registry' }) subjectEquipmentId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The unit as it read when the complaint arrived: model and serial number' }) subjectEquipmentLabel: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The model (catalogue product) of the unit' }) subjectEquipmentModelId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectDealId: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectDealTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectText: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COMPLAINT_CHANNELS, enumName: 'ComplaintChannel' }) channel: ComplaintChannel;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ description: 'Working days allowed (the rule when it arrived)' }) deadlineDays: number;
  @ApiProperty({ format: 'date' }) deadlineDay: string;
  @ApiProperty({ format: 'date-time', description: 'End of the working day of the deadline' }) deadlineAt: string;
  @ApiProperty({ description: 'Working days from today to the deadline day; negative once breached' }) workingDaysLeft: number;
  @ApiProperty({ enum: COMPLAINT_STATUSES, enumName: 'ComplaintStatus' }) status: ComplaintStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officerId: string | null;
  @ApiProperty({ type: String, nullable: true }) officerName: string | null;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) callbackBy: string | null;
  @ApiProperty({ type: String, nullable: true }) callbackByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) callbackAt: string | null;
  @ApiProperty({ type: String, nullable: true }) callbackOutcome: string | null;
  @ApiProperty({ enum: COMPLAINT_DECISIONS, enumName: 'ComplaintDecision', nullable: true }) decision: ComplaintDecision | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Processing time in working hours (to closing or rejection)' }) workingHours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Processing time in calendar hours' }) calendarHours: number | null;
  @ApiProperty({ description: 'The deadline passed before the complaint was closed; stays true after closing' }) breached: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class ComplaintDetailDto extends ComplaintDto {
  @ApiProperty({ type: [ComplaintRequestDto] }) requests: ComplaintRequestDto[];
}

export class ComplaintListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, enumName: 'ComplaintStatus' }) @IsOptional() @IsIn(COMPLAINT_STATUSES) status?: ComplaintStatus;
  @ApiPropertyOptional({ description: 'open = new, in progress or answered' }) @IsOptional() @IsIn(['open', 'done']) state?: 'open' | 'done';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_SUBJECTS, enumName: 'ComplaintSubject' }) @IsOptional() @IsIn(COMPLAINT_SUBJECTS) subjectKind?: ComplaintSubject;
  @ApiPropertyOptional({ format: 'uuid', description: 'Complaints about this equipment unit (the unit card)' }) @IsOptional() @IsUUID() equipmentUnitId?: string;
}

export class CreateComplaintDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiProperty({ enum: COMPLAINT_SUBJECTS, enumName: 'ComplaintSubject' }) @IsIn(COMPLAINT_SUBJECTS) subjectKind: ComplaintSubject;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the complaint is about an employee' })
  @ValidateIf((o: CreateComplaintDto) => o.subjectKind === 'employee' || o.subjectEmployeeId !== undefined)
  @IsUUID()
  subjectEmployeeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the complaint is about an equipment unit' })
  @ValidateIf((o: CreateComplaintDto) => o.subjectKind === 'equipment' || o.subjectEquipmentId !== undefined)
  @IsUUID()
  subjectEquipmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the complaint is about a deal' })
  @ValidateIf((o: CreateComplaintDto) => o.subjectKind === 'deal' || o.subjectDealId !== undefined)
  @IsUUID()
  subjectDealId?: string;
  @ApiPropertyOptional({ description: 'What it is about, in words; required for "other"' })
  @ValidateIf((o: CreateComplaintDto) => o.subjectKind === 'other' || o.subjectText !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  subjectText?: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(10000) description: string;
  @ApiProperty({ enum: COMPLAINT_CHANNELS.filter((c) => c !== 'survey') }) @IsIn(COMPLAINT_CHANNELS.filter((c) => c !== 'survey')) channel: ComplaintChannel;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' }) @IsOptional() @IsInstant() receivedAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The quality officer in charge; defaults to you' }) @IsOptional() @IsUUID() officerId?: string;
}

export class UpdateComplaintDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(5) @MaxLength(10000) description?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(500) subjectText?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contactId?: string;
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class AnswerComplaintDto extends VersionDto {
  @ApiProperty({ description: 'The answer given to the client' }) @Transform(trim) @IsString() @MinLength(5) @MaxLength(10000) answer: string;
}

export class CallbackDto extends VersionDto {
  @ApiProperty({ format: 'date-time', description: 'When the client was called back' }) @IsInstant() at: string;
  @ApiProperty({ example: 'Клиент доволен решением' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(2000) outcome: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who called; defaults to you' }) @IsOptional() @IsUUID() byId?: string;
}

export class CloseComplaintDto extends VersionDto {
  @ApiProperty({ enum: COMPLAINT_DECISIONS, enumName: 'ComplaintDecision' }) @IsIn(COMPLAINT_DECISIONS) decision: ComplaintDecision;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(5000) decisionNote?: string;
}

export class RejectComplaintDto extends VersionDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(5000) reason: string;
}

export class CreateRequestDto {
  @ApiProperty({ enum: REQUEST_DEPARTMENTS, enumName: 'RequestDepartment' }) @IsIn(REQUEST_DEPARTMENTS) department: RequestDepartment;
  @ApiProperty({ format: 'uuid' }) @IsUUID() addresseeId: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(5000) question: string;
  @ApiPropertyOptional({ format: 'date', description: 'The answer is due by the end of this working day; defaults to the rule (1 working day)' })
  @IsOptional()
  @IsDay()
  deadlineDay?: string;
}

export class AnswerRequestDto extends VersionDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(10000) answer: string;
}

export class MyRequestDto extends ComplaintRequestDto {
  @ApiProperty() complaintNumber: number;
  @ApiProperty() clientName: string;
}

export class QualityNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['complaint', 'request'] }) itemKind: 'complaint' | 'request';
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() complaintNumber: number;
  @ApiProperty({ enum: ['officer', 'head', 'director'] }) reason: 'officer' | 'head' | 'director';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StatsQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
}

export class StatsBucketDto {
  @ApiProperty({ description: 'The subject kind, employee id, equipment unit id, model id or decision' }) key: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() received: number;
  @ApiProperty() closedInTime: number;
  @ApiProperty() breached: number;
  @ApiProperty({ type: Number, nullable: true }) averageWorkingHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianWorkingHours: number | null;
}

export class ComplaintStatsDto extends StatsBucketDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: Number, nullable: true }) averageCalendarHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianCalendarHours: number | null;
  @ApiProperty({ type: [StatsBucketDto] }) bySubjectKind: StatsBucketDto[];
  @ApiProperty({ type: [StatsBucketDto] }) byEmployee: StatsBucketDto[];
  @ApiProperty({ type: [StatsBucketDto], description: 'By equipment unit (label: model and serial number)' }) byEquipment: StatsBucketDto[];
  @ApiProperty({ type: [StatsBucketDto], description: 'By equipment model (key: catalogue product id, label: model name)' }) byEquipmentModel: StatsBucketDto[];
  @ApiProperty({ type: [StatsBucketDto] }) byDecision: StatsBucketDto[];
}

export class QualityPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
}
