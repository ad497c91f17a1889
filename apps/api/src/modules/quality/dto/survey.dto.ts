import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../../../common/validation/dates';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const QUESTION_KINDS = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'active', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export class SurveyQuestionDto {
  @ApiProperty({ example: 'q1', description: 'Stable key of the question within the survey' }) @Matches(/^[a-z][a-z0-9_]{0,19}$/, { message: 'id must be a short key like q1' }) id: string;
  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'SurveyQuestionKind' }) @IsIn(QUESTION_KINDS) kind: QuestionKind;
  @ApiProperty({ example: 'Оцените работу менеджера' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(500) text: string;
  @ApiPropertyOptional({ type: [String], description: 'Choices of a single or multiple choice question' })
  @ValidateIf((o: SurveyQuestionDto) => o.kind === 'single' || o.kind === 'multiple' || o.options !== undefined)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiPropertyOptional({ enum: ['employee', 'equipment'], nullable: true, description: 'What the question rates (for results per employee / equipment)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(['employee', 'equipment'])
  about?: 'employee' | 'equipment' | null;
}

export class SurveyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: SURVEY_STATUSES, enumName: 'SurveyStatus' }) status: SurveyStatus;
  @ApiProperty({ type: [SurveyQuestionDto] }) questions: SurveyQuestionDto[];
  @ApiProperty({ description: 'A rating (1–5) at or below this opens a complaint draft' }) lowRatingThreshold: number;
  @ApiProperty() invited: number;
  @ApiProperty() answered: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class CreateSurveyDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ type: [SurveyQuestionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SurveyQuestionDto) questions: SurveyQuestionDto[];
  @ApiPropertyOptional({ minimum: 1, maximum: 4 }) @IsOptional() @IsInt() @Min(1) @Max(4) lowRatingThreshold?: number;
}

export class UpdateSurveyDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ type: [SurveyQuestionDto], description: 'Only while nobody has answered' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions?: SurveyQuestionDto[];
  @ApiPropertyOptional({ enum: SURVEY_STATUSES, enumName: 'SurveyStatus' }) @IsOptional() @IsIn(SURVEY_STATUSES) status?: SurveyStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 4 }) @IsOptional() @IsInt() @Min(1) @Max(4) lowRatingThreshold?: number;
}

export class InviteDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Clients to invite by e-mail (their first contact with an e-mail)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  clientIds: string[];
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ enum: ['email', 'phone'] }) channel: 'email' | 'phone';
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The personal public link (e-mail invitations)' }) link: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The phone-survey task of the quality officer' }) taskId: string | null;
  @ApiProperty({
    enum: ['queued', 'sent', 'suppressed', 'failed'],
    nullable: true,
    description: 'The e-mail with the link: waiting, sent, not sent (the address is on the suppression list), or refused by the mail server',
  })
  mailState: 'queued' | 'sent' | 'suppressed' | 'failed' | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InviteResultDto {
  @ApiProperty({ type: [InvitationDto] }) created: InvitationDto[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Clients without a contact e-mail (not invited)' }) withoutEmail: string[];
  @ApiProperty({ description: 'True when links were queued for mailing (see each invitation\'s mailState)' }) emailed: boolean;
}

/** Answers by question id: a number (rating, NPS), an option (single), options (multiple), text. */
export class SubmitAnswersDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { q1: 5, q2: 9, q3: 'Быстро', q4: ['Монтаж'] } }) @IsObject() answers: Record<string, unknown>;
}

export class PhoneResponseDto extends SubmitAnswersDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The phone invitation (from the survey task)' }) @IsOptional() @IsUUID() invitationId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The employee the answers are about' }) @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The equipment unit the answers are about' }) @IsOptional() @IsUUID() equipmentId?: string;
}

export class PublicAnswerDto extends SubmitAnswersDto {
  @ApiProperty({ description: 'The personal token from the link' }) @IsString() @Matches(/^[A-Za-z0-9_-]{20,64}$/, { message: 'token is not a survey link token' }) token: string;
}

export class PublicTokenQueryDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{20,64}$/, { message: 'token is not a survey link token' }) token: string;
}

export class PublicSurveyDto {
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [SurveyQuestionDto] }) questions: SurveyQuestionDto[];
  @ApiProperty({ enum: ['open', 'answered', 'expired'] }) state: 'open' | 'answered' | 'expired';
}

export class ResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ enum: ['email', 'phone'] }) channel: 'email' | 'phone';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The complaint draft a low rating opened' }) complaintId: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class ResultsQueryDto {
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() to?: string;
}

export class OptionCountDto {
  @ApiProperty() value: string;
  @ApiProperty() count: number;
}

export class QuestionResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'SurveyQuestionKind' }) kind: QuestionKind;
  @ApiProperty() text: string;
  @ApiProperty() answers: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Rating: the mean of 1–5' }) average: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'NPS: % promoters (9–10) − % detractors (0–6)' }) nps: number | null;
  @ApiProperty({ type: [OptionCountDto], description: 'Counts per value (rating 1–5, NPS 0–10, options)' }) distribution: OptionCountDto[];
  @ApiProperty({ type: [String], description: 'Text answers, latest first (up to 50)' }) texts: string[];
}

export class SubjectResultDto {
  @ApiProperty() key: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() responses: number;
  @ApiProperty({ type: Number, nullable: true }) averageRating: number | null;
  @ApiProperty({ type: Number, nullable: true }) nps: number | null;
}

export class SurveyResultsDto {
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty() responses: number;
  @ApiProperty({ type: Number, nullable: true, description: 'NPS over every NPS question' }) nps: number | null;
  @ApiProperty({ type: [QuestionResultDto] }) questions: QuestionResultDto[];
  @ApiProperty({ type: [SubjectResultDto] }) byEmployee: SubjectResultDto[];
  @ApiProperty({ type: [SubjectResultDto], description: 'By equipment unit (label: model and serial number)' }) byEquipment: SubjectResultDto[];
  @ApiProperty({ type: [SubjectResultDto], description: 'By equipment model (key: catalogue product id, label: model name)' }) byEquipmentModel: SubjectResultDto[];
}
