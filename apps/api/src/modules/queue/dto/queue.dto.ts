import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import type { QueueItemStatus } from '../entities/queue-item.entity';

export const QUEUE_ITEM_STATUSES = ['waiting', 'active', 'done', 'dead'] as const;

export class QueueSummaryDto {
  @ApiProperty({ example: 'clients.import' }) name: string;
  @ApiProperty({ description: 'Waiting for a worker (new, delayed or retrying after a failure)' }) waiting: number;
  @ApiProperty({ description: 'Of the waiting ones: retrying after a failed attempt' }) retrying: number;
  @ApiProperty({ description: 'Being worked on now' }) active: number;
  @ApiProperty({ description: 'Failed for good (dead letters): need an admin' }) failed: number;
  @ApiProperty({ description: 'Finished (kept for a few days)' }) done: number;
}

export class QueueItemProgressDto {
  @ApiProperty() done: number;
  @ApiProperty() total: number;
  @ApiPropertyOptional() phase?: string;
}

export class QueueItemDto {
  @ApiProperty() id: string;
  @ApiProperty() queue: string;
  @ApiProperty({ enum: QUEUE_ITEM_STATUSES, description: 'dead: failed for good (shown as failed)' }) status: QueueItemStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) idempotencyKey: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ format: 'date-time', description: 'Not before this moment' }) runAt: string;
  @ApiProperty({ type: QueueItemProgressDto, nullable: true }) progress: QueueItemProgressDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The error of the last failed attempt' }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class QueueItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_ITEM_STATUSES, default: 'dead' })
  @IsOptional()
  @IsIn(QUEUE_ITEM_STATUSES)
  status: QueueItemStatus = 'dead';
}
