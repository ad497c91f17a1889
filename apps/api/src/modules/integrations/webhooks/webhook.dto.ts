import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsInstant } from '../../../common/validation/dates';
import { DELIVERY_STATUSES, type DeliveryStatus, type Webhook, type WebhookAttempt, type WebhookDelivery } from './webhook.entity';
import { WEBHOOK_EVENT_NAMES, type WebhookEventName } from './webhook-events';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Склад 1С' }) name: string;
  @ApiProperty({ example: 'https://erp.lider.example/hooks/polar' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES, enumName: 'WebhookEvent', isArray: true }) events: WebhookEventName[];
  @ApiProperty({ description: 'Key of the X-Polar-Signature HMAC-SHA256' }) secret: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'May deliver to loopback / private / link-local addresses' }) allowPrivateNetwork: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the system switched it off (persistent failure)' }) disabledReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateWebhookDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty({ example: 'https://erp.lider.example/hooks/polar' })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/]+/i, { message: 'url must be an http:// or https:// address' })
  url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES, enumName: 'WebhookEvent', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_NAMES, { each: true })
  events: WebhookEventName[];
  @ApiPropertyOptional({ description: 'Generated when absent (32 random bytes)' }) @IsOptional() @IsString() @MinLength(16) @MaxLength(128) secret?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: false, description: 'Allow loopback / private / link-local addresses (e.g. a receiver in the office network)' })
  @IsOptional()
  @IsBoolean()
  allowPrivateNetwork?: boolean;
}

export class UpdateWebhookDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/]+/i, { message: 'url must be an http:// or https:// address' })
  url?: string;
  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_NAMES, enumName: 'WebhookEvent', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_NAMES, { each: true })
  events?: WebhookEventName[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(16) @MaxLength(128) secret?: string;
  @ApiPropertyOptional({ description: 'Switching it on again clears the disabled reason' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() allowPrivateNetwork?: boolean;
}

export class WebhookAttemptDto {
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: Number, nullable: true }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 500 characters of the answer' }) responseExcerpt: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'deal.won' }) eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replayOf: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The JSON body sent' }) payload: object;
  @ApiProperty({ type: [WebhookAttemptDto] }) attemptLog: WebhookAttemptDto[];
}

export class DeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
}

export class ReplayRangeDto {
  @ApiProperty({ format: 'date-time', description: 'Deliveries created at or after' }) @IsInstant() from: string;
  @ApiProperty({ format: 'date-time', description: 'Deliveries created before' }) @IsInstant() to: string;
  @ApiPropertyOptional({ description: 'Only the failed ones (default: every delivery in the range)' }) @IsOptional() @IsBoolean() failedOnly?: boolean;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Deliveries queued again' }) queued: number;
}

export function mapWebhook(w: Webhook): WebhookDto {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    events: w.events as WebhookEventName[],
    secret: w.secret,
    active: w.active,
    allowPrivateNetwork: w.allowPrivateNetwork,
    disabledReason: w.disabledReason,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
  };
}

export function mapDelivery(d: WebhookDelivery, attempts: WebhookAttempt[]): WebhookDeliveryDto {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    replayOf: d.replayOf,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    payload: d.payload,
    attemptLog: attempts.map((a) => ({
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}
