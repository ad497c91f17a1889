import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsInstant } from '../../../common/validation/dates';

export const MAILING_PURPOSES = ['advertising', 'information'] as const;
export type MailingPurpose = (typeof MAILING_PURPOSES)[number];
export const MAILING_STATUSES = ['draft', 'sending', 'sent', 'cancelled'] as const;
export type MailingStatus = (typeof MAILING_STATUSES)[number];
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'suppressed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const CONSENT_CHANNELS = ['email', 'sms', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeliveryCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() queued: number;
  @ApiProperty() sending: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty() bounced: number;
  @ApiProperty() suppressed: number;
  @ApiProperty() cancelled: number;
}

export class MailingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MAILING_PURPOSES, enumName: 'MailingPurpose', description: 'advertising: only contacts with consent; information: everyone not suppressed' })
  purpose: MailingPurpose;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() bodyHtml: string;
  @ApiProperty() bodyText: string;
  @ApiProperty({ type: [String] }) segmentIds: string[];
  @ApiProperty({ type: [String] }) excludeSegmentIds: string[];
  @ApiProperty({ enum: MAILING_STATUSES, enumName: 'MailingStatus' }) status: MailingStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: DeliveryCountsDto }) counts: DeliveryCountsDto;
  @ApiProperty() version: number;
}

export class CreateMailingDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiProperty({ enum: MAILING_PURPOSES, enumName: 'MailingPurpose' }) @IsIn(MAILING_PURPOSES) purpose: MailingPurpose;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() campaignId?: string | null;
  @ApiProperty({ example: 'Приглашаем на выставку, {{contact.firstName}}!' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) subject: string;
  @ApiProperty({ example: '<p>Здравствуйте, {{contact.firstName}}!</p>' }) @IsString() @MinLength(1) @MaxLength(200_000) bodyHtml: string;
  @ApiProperty({ example: 'Здравствуйте, {{contact.firstName}}!' }) @IsString() @MinLength(1) @MaxLength(100_000) bodyText: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) segmentIds: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) excludeSegmentIds?: string[];
}

export class UpdateMailingDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name?: string;
  @ApiPropertyOptional({ enum: MAILING_PURPOSES, enumName: 'MailingPurpose' }) @IsOptional() @IsIn(MAILING_PURPOSES) purpose?: MailingPurpose;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() campaignId?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200_000) bodyHtml?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100_000) bodyText?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) segmentIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) excludeSegmentIds?: string[];
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The recipient to fill the placeholders for; defaults to the first recipient' }) @IsOptional() @IsUUID() contactId?: string;
}

export class TestSendDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose data fills the placeholders; the mail goes to you' }) @IsOptional() @IsUUID() contactId?: string;
}

export class PreviewDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Addresses that would receive the mailing now' }) recipientCount: number;
}

export class TestSentDto {
  @ApiProperty() to: string;
  @ApiProperty() smtpResponse: string;
}

export class DeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ enum: DELIVERY_STATES, enumName: 'DeliveryState' }) state: DeliveryState;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'The SMTP server’s answer' }) smtpResponse: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class DeliveryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, enumName: 'DeliveryState' }) @IsOptional() @IsIn(DELIVERY_STATES) state?: DeliveryState;
  @ApiPropertyOptional({ description: 'Part of the address' }) @IsOptional() @IsString() @MaxLength(254) q?: string;
}

// ---------- suppression and consent ----------
export class SuppressionDto {
  @ApiProperty() address: string;
  @ApiProperty({ enum: SUPPRESSION_REASONS, enumName: 'SuppressionReason' }) reason: SuppressionReason;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SuppressionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) q?: string;
}

export class AddSuppressionDto {
  @ApiProperty() @Transform(trim) @IsEmail() @MaxLength(254) address: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) note?: string | null;
}

export class RemoveSuppressionDto {
  @ApiProperty() @Transform(trim) @IsEmail() @MaxLength(254) address: string;
}

export class ConsentDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty({ enum: CONSENT_CHANNELS, enumName: 'ConsentChannel' }) channel: ConsentChannel;
  @ApiProperty() granted: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the contact gave or withdrew consent' }) occurredAt: string;
  @ApiProperty({ description: 'How: a signed form, a web form, a phone call…' }) method: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded it' }) recordedByName: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class RecordConsentDto {
  @ApiProperty({ enum: CONSENT_CHANNELS, enumName: 'ConsentChannel' }) @IsIn(CONSENT_CHANNELS) channel: ConsentChannel;
  @ApiProperty() @IsBoolean() granted: boolean;
  @ApiProperty({ format: 'date-time' }) @IsInstant() occurredAt: string;
  @ApiProperty({ example: 'Подписанная анкета на выставке' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) method: string;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the link' }) @IsString() @MinLength(3) @MaxLength(600) token: string;
}

export class UnsubscribeStatusDto {
  @ApiProperty({ description: 'The address, partly hidden' }) address: string;
  @ApiProperty() unsubscribed: boolean;
}
