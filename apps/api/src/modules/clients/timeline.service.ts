import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../../common/context/request-context';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import type { TimelineEventDto, TimelineQueryDto } from './dto/history.dto';
import { TimelineEvent } from './entities/timeline-event.entity';

export interface NewTimelineEvent {
  clientId: string;
  kind: string;
  title: string;
  payload?: Record<string, unknown>;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Defaults to the signed-in user of the request; null for system events. */
  actorId?: string | null;
  occurredAt?: Date;
}

/**
 * The one way to add to a client's history. Every module (deals, invoices, tasks,
 * complaints, service visits…) calls `add` with the EntityManager of its own
 * transaction, so an event exists exactly when the change it describes does.
 */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(em: EntityManager, event: NewTimelineEvent): Promise<void> {
    await this.addMany(em, [event]);
  }

  /** One INSERT for any number of events (imports, bulk reassignment). */
  async addMany(em: EntityManager, events: NewTimelineEvent[]): Promise<void> {
    if (!events.length) return;
    const actor = requestContext.get()?.userId ?? null;
    const rows = events.map((e) =>
      em.create(TimelineEvent, {
        clientId: e.clientId,
        kind: e.kind,
        title: e.title.slice(0, 500),
        payload: e.payload ?? {},
        subjectType: e.subjectType ?? null,
        subjectId: e.subjectId ?? null,
        actorId: e.actorId !== undefined ? e.actorId : actor,
        ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}),
      }),
    );
    // Multi-row INSERTs of 1000; nothing is read back.
    await em.save(TimelineEvent, rows, { chunk: 1000, reload: false });
  }

  /** Newest first; the caller has already checked the client is in scope. */
  async list(clientId: string, query: TimelineQueryDto & { kindsOnly?: string[] }): Promise<Page<TimelineEventDto>> {
    const kinds = query.kindsOnly ?? query.kind;
    const params: unknown[] = [clientId];
    let where = 'e.client_id = $1';
    if (kinds?.length) {
      params.push(kinds);
      where += ` AND e.kind = ANY($${params.length}::text[])`;
    }
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM timeline_events e WHERE ${where}`, params);
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id::text, e.client_id, e.occurred_at, e.kind, e.actor_id, u.full_name AS actor_name, e.title, e.payload, e.subject_type, e.subject_id
         FROM timeline_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${where}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return pageOf(
      rows.map((r) => ({
        id: r.id as string,
        clientId: r.client_id as string,
        occurredAt: (r.occurred_at as Date).toISOString(),
        kind: r.kind as string,
        actorId: (r.actor_id as string | null) ?? null,
        actorName: (r.actor_name as string | null) ?? null,
        title: r.title as string,
        payload: r.payload as Record<string, unknown>,
        subjectType: (r.subject_type as string | null) ?? null,
        subjectId: (r.subject_id as string | null) ?? null,
      })),
      total,
      query,
    );
  }
}
