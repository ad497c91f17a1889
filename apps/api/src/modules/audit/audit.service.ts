import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../common/context/request-context';
import { AuditEntry, type FieldChanges } from './entities/audit-entry.entity';

/** Fields that change on every write or must never be copied into history. */
const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt', 'version', 'passwordHash']);

export type AuditAction = 'create' | 'update' | 'delete' | 'archive' | 'restore' | 'deactivate' | 'activate' | 'role_change' | 'password_reset' | string;

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The record before the change (null on create). */
  before?: object | null;
  /** The record after the change (null on delete). */
  after?: object | null;
  /** Overrides the request's user (system actions pass null). */
  actorId?: string | null;
}

/**
 * Writes history entries. Always called with the EntityManager of the transaction that
 * makes the change, so a rolled-back change leaves no history and vice versa.
 */
@Injectable()
export class AuditService {
  async record(em: EntityManager, record: AuditRecord): Promise<void> {
    await this.recordMany(em, [record]);
  }

  /** Many entries in multi-row INSERTs (imports, bulk changes). */
  async recordMany(em: EntityManager, records: AuditRecord[]): Promise<void> {
    const ctx = requestContext.get();
    const entries = records
      .map((record) => ({ record, changes: diffRecords(record.before ?? null, record.after ?? null) }))
      .filter(({ record, changes }) => record.action !== 'update' || Object.keys(changes).length > 0)
      .map(({ record, changes }) =>
        em.create(AuditEntry, {
          action: record.action,
          entityType: record.entityType,
          entityId: record.entityId,
          changes,
          actorId: record.actorId !== undefined ? record.actorId : (ctx?.userId ?? null),
          requestId: ctx?.requestId ?? null,
          apiTokenId: ctx?.apiToken?.id ?? null,
          apiTokenName: ctx?.apiToken?.name ?? null,
        }),
      );
    if (entries.length) await em.save(AuditEntry, entries, { chunk: 1000, reload: false });
  }
}

/** old → new per field that differs; dates compared as ISO strings. */
export function diffRecords(before: object | null, after: object | null): FieldChanges {
  const a = normalise(before);
  const b = normalise(after);
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (IGNORED_FIELDS.has(key)) continue;
    const from = a[key] ?? null;
    const to = b[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

function normalise(record: object | null): Record<string, unknown> {
  if (!record) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value) || isPlain(value))) out[key] = value;
  }
  return out;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
