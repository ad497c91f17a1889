import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../../common/context/request-context';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import type { TimelineEventDto, TimelineQueryDto } from './dto/history.dto';
import type { NewTimelineEntry } from './timeline-kinds';

/**
 * A client's history: entries of a kind with a typed payload (see timeline-kinds.ts),
 * never sentences. Other modules do not call this: their domain events reach it
 * through TimelineProjection, inside the transaction of the change. The clients module
 * writes its notes here directly (a note is the history entry itself).
 */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(em: EntityManager, entry: NewTimelineEntry): Promise<void> {
    await this.addMany(em, [entry]);
  }

  /**
   * Any number of entries in one INSERT (imports, bulk reassignment, the payment-call
   * job): the rows travel as one JSON array, so the statement count does not grow
   * with the number of entries.
   */
  async addMany(em: EntityManager, entries: readonly NewTimelineEntry[]): Promise<void> {
    if (!entries.length) return;
    const actor = requestContext.get()?.userId ?? null;
    const rows = entries.map((e) => ({
      client_id: e.clientId,
      kind: e.kind,
      payload: e.payload,
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId ?? null,
      actor_id: e.actorId !== undefined ? e.actorId : actor,
    }));
    await em.query(
      `INSERT INTO timeline_events (client_id, kind, payload, subject_type, subject_id, actor_id)
       SELECT r.client_id, r.kind, r.payload, r.subject_type, r.subject_id, r.actor_id
         FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid, kind text, payload jsonb, subject_type text, subject_id text, actor_id uuid)`,
      [JSON.stringify(rows)],
    );
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
      `SELECT e.id::text, e.client_id, e.occurred_at, e.kind, e.actor_id, u.full_name AS actor_name, e.payload, e.subject_type, e.subject_id
         FROM timeline_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${where}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return pageOf(
      rows.map(
        (r) =>
          ({
            id: r.id as string,
            clientId: r.client_id as string,
            occurredAt: (r.occurred_at as Date).toISOString(),
            kind: r.kind,
            actorId: (r.actor_id as string | null) ?? null,
            actorName: (r.actor_name as string | null) ?? null,
            payload: r.payload,
            subjectType: (r.subject_type as string | null) ?? null,
            subjectId: (r.subject_id as string | null) ?? null,
          }) as TimelineEventDto,
      ),
      total,
      query,
    );
  }
}
