import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import type { QueueItemDto, QueueItemsQueryDto, QueueSummaryDto } from './dto/queue.dto';
import { QueueItem } from './entities/queue-item.entity';
import { WorkQueue } from './work-queue.service';

/** What admins see of the queues: counts, failed items with their errors, retry. */
@Injectable()
export class QueueAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workQueue: WorkQueue,
  ) {}

  /** Every registered queue (and any other with items), with its counts. */
  async summary(): Promise<QueueSummaryDto[]> {
    const rows: Array<{ queue: string; waiting: number; retrying: number; active: number; dead: number; done: number }> = await this.dataSource.query(
      `SELECT queue,
              count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
              count(*) FILTER (WHERE status = 'waiting' AND attempts > 0)::int AS retrying,
              count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'dead')::int AS dead,
              count(*) FILTER (WHERE status = 'done')::int AS done
         FROM queue_items GROUP BY queue`,
    );
    const names = [...new Set([...this.workQueue.names(), ...rows.map((r) => r.queue)])].sort();
    return names.map((name) => {
      const r = rows.find((x) => x.queue === name);
      return { name, waiting: r?.waiting ?? 0, retrying: r?.retrying ?? 0, active: r?.active ?? 0, failed: r?.dead ?? 0, done: r?.done ?? 0 };
    });
  }

  async items(queue: string, query: QueueItemsQueryDto): Promise<Page<QueueItemDto>> {
    const [rows, total] = await this.dataSource.getRepository(QueueItem).findAndCount({
      where: { queue, status: query.status },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(rows.map(mapItem), total, query);
  }

  /** A dead item gets its attempts back and waits for a worker again. */
  async retry(id: string): Promise<QueueItemDto> {
    const repo = this.dataSource.getRepository(QueueItem);
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE queue_items SET status = 'waiting', attempts = 0, run_at = clock_timestamp(), finished_at = NULL WHERE id = $1 AND status = 'dead'`,
      [id],
    );
    const item = await repo.findOne({ where: { id } });
    if (!item) throw new NotFoundError('Queue item');
    if (count === 0) throw new ConflictError('queue_item_not_failed', `Only a failed item can be retried (this one is ${item.status})`);
    return mapItem(item);
  }
}

export function mapItem(i: QueueItem): QueueItemDto {
  return {
    id: String(i.id),
    queue: i.queue,
    status: i.status,
    payload: i.payload,
    idempotencyKey: i.idempotencyKey,
    attempts: i.attempts,
    maxAttempts: i.maxAttempts,
    runAt: i.runAt.toISOString(),
    progress: (i.progress as QueueItemDto['progress']) ?? null,
    lastError: i.lastError,
    createdAt: i.createdAt.toISOString(),
    startedAt: i.startedAt?.toISOString() ?? null,
    finishedAt: i.finishedAt?.toISOString() ?? null,
  };
}
