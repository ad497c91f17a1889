import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/context/clock';
import { NotFoundError, RuleViolationError, StaleVersionError, ValidationFailedError } from '../../../common/errors/domain-error';
import type { DomainEvent, DomainEventType } from '../../../common/events/domain-event';
import { EventBus } from '../../../common/events/event-bus';
import { type Page, pageOf } from '../../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AuditService } from '../../audit/audit.service';
import { PlanningPort } from '../../planning/planning-port';
import { defineQueue, PermanentError, WorkQueue } from '../../queue';
import { UsersDirectory } from '../../users/users-directory';
import { Webhook, WebhookAttempt, WebhookDelivery } from './webhook.entity';
import {
  type CreateWebhookDto,
  type DeliveriesQueryDto,
  mapDelivery,
  mapWebhook,
  type ReplayRangeDto,
  type UpdateWebhookDto,
  type WebhookDeliveryDto,
  type WebhookDto,
} from './webhook.dto';
import { resourceOf, WEBHOOK_EVENTS, type WebhookEventName } from './webhook-events';
import { postWebhook } from './webhook-sender';
import { assertPublicHost, SsrfRefusedError } from './ssrf';

export const WEBHOOK_DELIVERY = defineQueue<{ deliveryId: string }>('webhooks.deliver');

/**
 * Attempts of a delivery: with the queue's backoff (10 s doubling, at most an hour
 * between tries) 32 attempts span about 24 hours.
 */
const MAX_ATTEMPTS = 32;

/** Header names of a delivery; the signature is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Polar-Signature';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Webhooks: configuration (admin), the subscriber that turns domain events into
 * deliveries inside the publisher's transaction (so only committed events are sent),
 * and the queue handler that sends, signs, logs every attempt and gives up after ~24 h.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: EventBus,
    private readonly queue: WorkQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly planning: PlanningPort,
    private readonly users: UsersDirectory,
  ) {}

  onModuleInit(): void {
    const byDomainType = new Map<DomainEventType, WebhookEventName>();
    for (const [name, type] of Object.entries(WEBHOOK_EVENTS)) byDomainType.set(type, name as WebhookEventName);
    this.bus.subscribe([...byDomainType.keys()], (em, event) => this.enqueueFor(em, event, byDomainType.get(event.type)!), 'integrations.webhooks');
    this.queue.register(WEBHOOK_DELIVERY, ({ deliveryId }, ctx) => this.deliver(deliveryId, ctx.transaction.bind(ctx)), {
      concurrency: 4,
      maxAttempts: MAX_ATTEMPTS,
      backoffSeconds: 10,
      onDead: (em, item) => this.failed(em, item.payload.deliveryId, item.error),
    });
  }

  // ---- configuration ----

  async list(): Promise<WebhookDto[]> {
    return (await this.dataSource.getRepository(Webhook).find({ order: { createdAt: 'ASC' } })).map(mapWebhook);
  }

  async get(id: string): Promise<WebhookDto> {
    return mapWebhook(await this.load(this.dataSource.manager, id));
  }

  async create(dto: CreateWebhookDto): Promise<WebhookDto> {
    const allowPrivate = dto.allowPrivateNetwork ?? false;
    await this.checkUrl(dto.url, allowPrivate);
    return this.dataSource.transaction(async (em) => {
      const hook = em.create(Webhook, {
        id: randomUUID(),
        name: dto.name,
        url: dto.url,
        events: dto.events,
        secret: dto.secret ?? randomBytes(32).toString('hex'),
        active: dto.active ?? true,
        allowPrivateNetwork: allowPrivate,
        disabledReason: null,
      });
      await em.save(hook);
      await this.audit.record(em, { action: 'create', entityType: 'webhook', entityId: hook.id, after: { ...hook, secret: '***' } });
      return mapWebhook(hook);
    });
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.dataSource.transaction(async (em) => {
      const hook = await this.load(em, id, true);
      if (hook.version !== dto.version) throw new StaleVersionError('Webhook', dto.version, hook.version);
      const before = { ...hook, secret: '***' };
      const { version: _v, ...changes } = dto;
      Object.assign(hook, changes);
      if (dto.url !== undefined || dto.allowPrivateNetwork !== undefined) await this.checkUrl(hook.url, hook.allowPrivateNetwork);
      if (dto.active) hook.disabledReason = null;
      await em.save(hook);
      await this.audit.record(em, { action: 'update', entityType: 'webhook', entityId: id, before, after: { ...hook, secret: '***' } });
      return mapWebhook(hook);
    });
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const hook = await this.load(em, id, true);
      await em.delete(Webhook, { id });
      await this.audit.record(em, { action: 'delete', entityType: 'webhook', entityId: id, before: { ...hook, secret: '***' } });
    });
  }

  async deliveries(webhookId: string, query: DeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.load(this.dataSource.manager, webhookId);
    const qb = this.dataSource.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.webhook_id = :webhookId', { webhookId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const attempts = rows.length
      ? await this.dataSource.getRepository(WebhookAttempt).createQueryBuilder('a').where('a.delivery_id IN (:...ids)', { ids: rows.map((r) => r.id) }).orderBy('a.id').getMany()
      : [];
    return pageOf(rows.map((d) => mapDelivery(d, attempts.filter((a) => a.deliveryId === d.id))), total, query);
  }

  /** Sends one delivery's body again, as a new delivery (same event id and sequence). */
  async replay(webhookId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.dataSource.transaction(async (em) => {
      const original = await em.findOne(WebhookDelivery, { where: { id: deliveryId, webhookId } });
      if (!original) throw new NotFoundError('Webhook delivery');
      const copy = await this.copy(em, original);
      return mapDelivery(copy, []);
    });
  }

  /** Sends every delivery of a time range again (e.g. after the receiver was down). */
  async replayRange(webhookId: string, dto: ReplayRangeDto): Promise<number> {
    if (new Date(dto.from) >= new Date(dto.to)) throw new ValidationFailedError([{ field: 'to', message: 'to must be after from' }]);
    return this.dataSource.transaction(async (em) => {
      await this.load(em, webhookId);
      const qb = em
        .getRepository(WebhookDelivery)
        .createQueryBuilder('d')
        .where('d.webhook_id = :webhookId AND d.created_at >= :from AND d.created_at < :to AND d.replay_of IS NULL', { webhookId, from: dto.from, to: dto.to });
      if (dto.failedOnly) qb.andWhere(`d.status = 'failed'`);
      const originals = await qb.orderBy('d.created_at').take(10_000).getMany();
      for (const d of originals) await this.copy(em, d);
      return originals.length;
    });
  }

  // ---- delivery ----

  /** In the publisher's transaction: one delivery per active webhook that wants the event. */
  private async enqueueFor(em: EntityManager, event: DomainEvent, name: WebhookEventName): Promise<void> {
    const hooks: Array<{ id: string }> = await em.query(`SELECT id FROM webhooks WHERE active AND $1 = ANY(events)`, [name]);
    if (!hooks.length) return;
    const resource = resourceOf(event);
    const [{ sequence }] = await em.query(
      `INSERT INTO webhook_sequences (resource_type, resource_id, sequence) VALUES ($1, $2, 1)
       ON CONFLICT (resource_type, resource_id) DO UPDATE SET sequence = webhook_sequences.sequence + 1
       RETURNING sequence::int AS sequence`,
      [resource.type, resource.id],
    );
    const payload = {
      id: randomUUID(),
      type: name,
      occurredAt: event.occurredAt.toISOString(),
      resource: { type: resource.type, id: resource.id, sequence },
      data: event.payload,
    };
    for (const hook of hooks) {
      const delivery = em.create(WebhookDelivery, { id: randomUUID(), webhookId: hook.id, eventId: payload.id, eventType: name, payload, status: 'pending', attempts: 0, replayOf: null });
      await em.insert(WebhookDelivery, delivery);
      await this.queue.enqueue(em, WEBHOOK_DELIVERY, { deliveryId: delivery.id }, { key: `webhook:${delivery.id}` });
    }
  }

  private async copy(em: EntityManager, original: WebhookDelivery): Promise<WebhookDelivery> {
    const copy = em.create(WebhookDelivery, {
      id: randomUUID(),
      webhookId: original.webhookId,
      eventId: original.eventId,
      eventType: original.eventType,
      payload: original.payload,
      status: 'pending',
      attempts: 0,
      replayOf: original.replayOf ?? original.id,
    });
    await em.insert(WebhookDelivery, copy);
    await this.queue.enqueue(em, WEBHOOK_DELIVERY, { deliveryId: copy.id }, { key: `webhook:${copy.id}` });
    return (await em.findOne(WebhookDelivery, { where: { id: copy.id } }))!;
  }

  private async deliver(deliveryId: string, transaction: <T>(work: (em: EntityManager) => Promise<T>) => Promise<T>): Promise<{ statusCode: number | null }> {
    const row = await this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id: deliveryId }, relations: { webhook: true } });
    if (!row || row.status !== 'pending') return { statusCode: null }; // delivered, cancelled or gone: nothing to repeat
    const hook = row.webhook!;
    if (!hook.active) {
      await transaction((em) => em.update(WebhookDelivery, { id: deliveryId }, { status: 'cancelled' }));
      return { statusCode: null };
    }
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const startedAt = new Date();
    const result = await postWebhook(
      hook.url,
      body,
      { [SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body), 'X-Polar-Event': row.eventType, 'X-Polar-Delivery': row.id, 'X-Polar-Event-Id': row.eventId },
      hook.allowPrivateNetwork || this.config.integrations.webhooksAllowPrivate,
    );
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    await transaction(async (em) => {
      await em.insert(WebhookAttempt, {
        deliveryId,
        startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error,
        responseExcerpt: result.excerpt,
      });
      await em.update(WebhookDelivery, { id: deliveryId }, { attempts: () => 'attempts + 1', ...(ok ? { status: 'delivered', deliveredAt: new Date() } : {}) });
    });
    if (ok) return { statusCode: result.statusCode };
    const reason = result.error ?? `HTTP ${result.statusCode}`;
    if (result.refused) throw new PermanentError(reason);
    throw new Error(reason);
  }

  /** The queue gave up (≈24 h of failures or a refused address): the webhook is switched off. */
  private async failed(em: EntityManager, deliveryId: string, error: string): Promise<void> {
    await em.update(WebhookDelivery, { id: deliveryId }, { status: 'failed' });
    // UPDATE … RETURNING answers [rows, affected count].
    const [disabled]: [Array<{ id: string; name: string; url: string }>, number] = await em.query(
      `UPDATE webhooks SET active = false, disabled_reason = $2, updated_at = now(), version = version + 1
        WHERE id = (SELECT webhook_id FROM webhook_deliveries WHERE id = $1) AND active RETURNING id, name, url`,
      [deliveryId, `delivery failed: ${error}`.slice(0, 200)],
    );
    const hook = disabled[0];
    if (hook) {
      this.logger.warn(`Webhook "${hook.name}" (${hook.id}) switched off after a delivery failed for good: ${error}`);
      await this.audit.record(em, { action: 'disable', entityType: 'webhook', entityId: hook.id, before: { active: true }, after: { active: false, disabledReason: error.slice(0, 200) }, actorId: null });
      // There is no in-app notification centre: the notice is a task in every administrator's «Мои дела».
      const admins = await this.users.activeWithRole(em, 'admin');
      const now = this.clock.now();
      await this.planning.createTasks(
        em,
        'webhook.disabled',
        admins.map((adminId) => ({
          type: 'other' as const,
          subject: `Вебхук «${hook.name}» отключён после неудачных доставок`,
          description: `${hook.url}\n${error}`.slice(0, 2000),
          clientId: null,
          assigneeId: adminId,
          dueAt: now,
          priority: 'high' as const,
        })),
        null,
      );
    }
  }

  private async checkUrl(url: string, allowPrivate: boolean): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ValidationFailedError([{ field: 'url', message: 'url must be an http:// or https:// address' }]);
    }
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new ValidationFailedError([{ field: 'url', message: 'url must be an http:// or https:// address' }]);
    if (parsed.username || parsed.password) throw new ValidationFailedError([{ field: 'url', message: 'url must not carry a user name or password' }]);
    if (allowPrivate || this.config.integrations.webhooksAllowPrivate) return;
    try {
      await assertPublicHost(parsed.hostname);
    } catch (e) {
      if (e instanceof SsrfRefusedError) {
        throw new RuleViolationError('ssrf_refused', `${e.message}; an admin may allow it with allowPrivateNetwork`, [{ field: 'url', message: e.message }]);
      }
      throw new RuleViolationError('url_unresolvable', `The host of the url could not be resolved`, [{ field: 'url', message: 'host not found' }]);
    }
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<Webhook> {
    const hook = await em.findOne(Webhook, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!hook) throw new NotFoundError('Webhook');
    return hook;
  }
}
