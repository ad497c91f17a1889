import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, mayAccess, mayActFor } from '@polar/access';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { requestContext } from '../../../common/context/request-context';
import { DomainError, NotFoundError } from '../../../common/errors/domain-error';
import { flattenValidationErrors } from '../../../common/errors/validation';
import { inScope, scopeOf } from '../../../common/scope/record-scope';
import { EventBus } from '../../../common/events';
import { findResponsibleManagers } from '../../../common/scope/responsible-managers';
import { defineQueue, ItemLeaseLostError, type Json, PermanentError, type WorkContext } from '../../queue/queue.types';
import { UsersDirectory } from '../../users/users-directory';
import { WorkQueue } from '../../queue/work-queue.service';
import { ReferenceItem } from '../../reference/entities/reference-item.entity';
import { clientHistoryFields } from '../client.mapper';
import { normalizeEmails, normalizeName, normalizePhones } from '../client-normalize';
import { normalizeTags } from '../clients.service';
import { CreateClientDto, type DuplicateMatchDto } from '../dto/client.dto';
import type { ClientImportDto, ImportDuplicateDto, ImportFailureCode, ImportFailureDto, ImportParams, ImportReportDto, ImportRowErrorDto } from '../dto/import.dto';
import { ClientImport } from '../entities/client-import.entity';
import { Client } from '../entities/client.entity';
import { type ImportField, mapHeaders, parseDay, parseKind, parseMoney, parseStatus, splitList } from './import-columns';
import { readSpreadsheet } from './spreadsheet';

export const MAX_IMPORT_ROWS = 50_000;
const INSERT_CHUNK = 500;

/** The work queue of imports: the import's id. One attempt: a killed import ends failed. */
export const CLIENT_IMPORT_QUEUE = defineQueue<{ importId: string }>('clients.import');

export const IMPORT_INTERRUPTED = 'The import was interrupted (the server stopped or the work took too long): nothing was imported';

/** The report as stored in `client_imports.report`, with the failure when there is one. */
type StoredReport = ImportReportDto & { failureReason?: string; failure?: ImportFailureDto };

/** Records why the import failed: the stable code with its values, and the English sentence. */
function fail(report: StoredReport, code: ImportFailureCode, params: ImportParams, reason: string): void {
  report.failure = { code, params };
  report.failureReason = reason;
}

/** A row error as a code with its values, keeping the English sentence for integrators. */
function rowError(row: number, field: string, code: ImportRowErrorDto['code'], message: string, params: ImportParams = {}): ImportRowErrorDto {
  return { row, field, code, params, message };
}

interface Progress {
  phase: 'queued' | 'reading' | 'checking' | 'writing' | 'done';
  processed: number;
  total: number;
}

interface PreparedRow {
  row: number;
  client: Client;
}

/**
 * Imports clients from a spreadsheet. A dry run reports errors and duplicates without
 * writing; a real run writes every row in one transaction or none. The upload stores the
 * file and queues the work (`clients.import`) in one transaction and answers at once; a
 * worker on any instance does it, keeping progress and the report in `client_imports`, so
 * a poll on any instance sees them (GET /api/clients/imports/{id}). An import whose
 * worker died ends `failed` with its reason when its lease runs out.
 */
@Injectable()
export class ClientImportService implements OnModuleInit {
  private readonly logger = new Logger(ClientImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly workQueue: WorkQueue,
    private readonly users: UsersDirectory,
  ) {}

  onModuleInit(): void {
    this.workQueue.register(CLIENT_IMPORT_QUEUE, ({ importId }, ctx) => this.process(importId, ctx), {
      maxAttempts: 1,
      // Long enough for the all-or-nothing write of the largest file in one transaction.
      leaseSeconds: 300,
      concurrency: 2,
      onDead: (em, item) => this.markInterrupted(em, item.payload.importId, item.error),
    });
  }

  async start(file: { buffer: Buffer; originalname: string }, options: { dryRun: boolean; confirmDuplicates: boolean }, user: AuthenticatedUser): Promise<ClientImportDto> {
    if (options.confirmDuplicates && !can(user.role, 'clients.confirm_duplicate')) {
      throw new DomainError(403, 'confirm_duplicate_forbidden', 'Only the sales head, the director or the administrator may import possible duplicates');
    }
    const id = await this.dataSource.transaction(async (em) => {
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO client_imports (status, phase, dry_run, confirm_duplicates, file_name, file, created_by)
         VALUES ('running', 'queued', $1, $2, $3, $4, $5) RETURNING id`,
        [options.dryRun, options.confirmDuplicates, file.originalname.slice(0, 300), file.buffer, user.id],
      );
      await this.workQueue.enqueue(em, CLIENT_IMPORT_QUEUE, { importId: row.id }, { key: `client-import:${row.id}` });
      return row.id;
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ClientImportDto> {
    const job = await this.dataSource.getRepository(ClientImport).findOne({ where: { id } });
    // Imports are private to whoever started them (and visible to management).
    if (!job || !mayAccess(user, 'import', 'see', { creator: job.createdBy })) throw new NotFoundError('Import');
    const report = job.report as StoredReport | null;
    const validReport = report && Array.isArray(report.errors);
    // Reports stored before the codes existed: their row errors read as plain field errors.
    const errors = validReport ? report.errors.map((e) => ({ row: e.row, field: e.field, code: e.code ?? 'invalid', params: e.params ?? {}, message: e.message })) : [];
    return {
      id: job.id,
      status: job.status,
      phase: job.phase,
      dryRun: job.dryRun,
      fileName: job.fileName,
      totalRows: job.totalRows,
      processedRows: job.processedRows,
      createdRows: job.createdRows,
      report: validReport ? { recognisedColumns: report.recognisedColumns, ignoredColumns: report.ignoredColumns, validRows: report.validRows, errors, duplicates: report.duplicates } : null,
      failureReason: report?.failureReason ?? null,
      failure: report?.failure ?? (report?.failureReason ? { code: 'failed', params: {} } : null),
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }

  /** Works off every queued import in this process (tests, scripts). */
  async drain(): Promise<void> {
    await this.workQueue.drain({ queues: [CLIENT_IMPORT_QUEUE.name] });
  }

  /** An import whose worker died (or failed for good): failed with its reason, nothing written. */
  private async markInterrupted(em: EntityManager, importId: string, error: string): Promise<void> {
    await em.query(
      `UPDATE client_imports SET status = 'failed', phase = 'done', file = NULL, finished_at = now(),
              report = coalesce(report, '{}'::jsonb) || jsonb_build_object('failureReason', $2::text, 'failure', jsonb_build_object('code', $3::text, 'params', '{}'::jsonb))
        WHERE id = $1 AND status = 'running'`,
      error.startsWith('The worker stopped') ? [importId, IMPORT_INTERRUPTED, 'interrupted'] : [importId, `The import failed: ${error}`, 'failed'],
    );
  }

  /** The user who started the import, as the request saw them (role, assisted managers). */
  private async starter(userId: string): Promise<AuthenticatedUser> {
    const user = await this.users.actor(userId);
    if (!user) throw new PermanentError('The user who started the import no longer exists');
    return user;
  }

  private async process(id: string, ctx: WorkContext): Promise<Json> {
    const [job]: Array<{ status: string; dry_run: boolean; confirm_duplicates: boolean; file: Buffer | null; created_by: string }> = await this.dataSource.query(
      `SELECT status, dry_run, confirm_duplicates, file, created_by FROM client_imports WHERE id = $1`,
      [id],
    );
    // Already finished (a repeated delivery): nothing to do.
    if (!job || job.status !== 'running' || !job.file) return { skipped: true };
    const user = await this.starter(job.created_by);
    const options = { dryRun: job.dry_run, confirmDuplicates: job.confirm_duplicates };
    const progress: Progress = { phase: 'reading', processed: 0, total: 0 };
    const save = async () => {
      await this.dataSource.query(`UPDATE client_imports SET phase = $2, processed_rows = $3, total_rows = $4 WHERE id = $1 AND status = 'running'`, [
        id,
        progress.phase,
        progress.processed,
        progress.total,
      ]);
      await ctx.progress({ done: progress.processed, total: progress.total, phase: progress.phase });
    };
    let report: StoredReport = { recognisedColumns: [], ignoredColumns: [], validRows: 0, errors: [], duplicates: [] };
    let created = 0;
    let total = 0;
    let status: 'succeeded' | 'failed' = 'failed';
    try {
      await save();
      const sheet = await readSpreadsheet(job.file);
      const columns = mapHeaders(sheet.headers);
      total = progress.total = sheet.rows.length;
      report.recognisedColumns = [...columns.keys()];
      report.ignoredColumns = sheet.headers.filter((h) => !columns.has(h));
      if (![...columns.values()].includes('name')) {
        fail(report, 'no_name_column', {}, 'The file has no "Наименование" (name) column');
      } else if (total > MAX_IMPORT_ROWS) {
        fail(report, 'too_many_rows', { total, max: MAX_IMPORT_ROWS }, `The file has ${total} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);
      } else if (total === 0) {
        fail(report, 'no_rows', {}, 'The file has no data rows');
      } else {
        progress.phase = 'checking';
        await save();
        const { prepared, errors } = await this.prepare(sheet.rows, columns, user, progress, save);
        const duplicates = await this.findDuplicates(prepared, user);
        report = { ...report, errors, duplicates, validRows: prepared.length };
        if (options.dryRun) {
          status = 'succeeded';
        } else if (errors.length) {
          fail(report, 'row_errors', { count: errors.length }, `${errors.length} error(s) in the file: nothing was imported`);
        } else if (duplicates.length && !options.confirmDuplicates) {
          fail(report, 'duplicates', { count: duplicates.length }, `${duplicates.length} possible duplicate(s): nothing was imported`);
        } else {
          progress.phase = 'writing';
          progress.processed = 0;
          await save();
          created = await requestContext.run({ requestId: `import:${id}`, userId: user.id }, () => this.write(prepared, ctx, id));
          status = 'succeeded';
        }
      }
    } catch (e) {
      if (e instanceof ItemLeaseLostError) throw e;
      this.logger.error(`import ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
      fail(report, 'unreadable', {}, e instanceof DomainError ? e.message : 'The file could not be read or imported');
    }
    // A real import that wrote its rows has already recorded its outcome in the same transaction.
    if (created === 0 || status !== 'succeeded') {
      await this.dataSource.query(
        `UPDATE client_imports SET status = $2, phase = 'done', processed_rows = $3, total_rows = $3, created_rows = $4, report = $5, finished_at = now(), file = NULL
          WHERE id = $1 AND status = 'running'`,
        [id, status, total, created, JSON.stringify(report)],
      );
    } else {
      await this.dataSource.query(`UPDATE client_imports SET report = $2 WHERE id = $1`, [id, JSON.stringify(report)]);
    }
    return { status, created };
  }

  /** Turns rows into clients, validating them exactly like the create form. */
  private async prepare(rows: Array<Record<string, string>>, columns: Map<string, ImportField>, user: AuthenticatedUser, progress: Progress, save: () => Promise<void>) {
    const refs = await this.dataSource.getRepository(ReferenceItem).find({ where: { isActive: true } });
    const findRef = (kind: string, text: string) => {
      const t = text.trim().toLowerCase();
      return refs.find((r) => r.kind === kind && (r.name.toLowerCase() === t || r.code === t));
    };
    const managers = await findResponsibleManagers(this.dataSource.manager);
    const errors: ImportRowErrorDto[] = [];
    const prepared: PreparedRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const rowNo = i + 2;
      const get = (field: ImportField) => {
        for (const [header, f] of columns) if (f === field && rows[i][header]) return rows[i][header];
        return '';
      };
      const rowErrors: ImportRowErrorDto[] = [];
      const ref = (field: 'industry' | 'activityKind' | 'channel', kind: string, dtoField: string) => {
        const text = get(field);
        if (!text) return undefined;
        const found = findRef(kind, text);
        if (!found) rowErrors.push(rowError(rowNo, dtoField, 'not_in_list', `"${text}" is not in the list`, { value: text }));
        return found?.id;
      };
      let managerId: string | undefined;
      const managerText = get('manager').toLowerCase();
      if (managerText) {
        managerId = managers.find((m) => m.email === managerText || m.fullName.toLowerCase() === managerText)?.id;
        if (!managerId) rowErrors.push(rowError(rowNo, 'managerId', 'not_a_manager', `"${get('manager')}" is not an active sales manager`, { value: get('manager') }));
      }
      if (user.role === 'sales_manager') managerId ??= user.id;
      if (!managerId && !managerText) managerId = user.role === 'sales_head' ? user.id : undefined;
      if (!managerId && !managerText) rowErrors.push(rowError(rowNo, 'managerId', 'manager_required', 'The responsible manager is required'));
      if (managerId && !mayActFor(user, managerId)) {
        rowErrors.push(rowError(rowNo, 'managerId', 'manager_not_allowed', 'You may not give clients to this manager'));
      }
      const headcount = get('headcount');
      const dto = plainToInstance(CreateClientDto, {
        kind: parseKind(get('kind')),
        name: get('name'),
        inn: get('inn') || undefined,
        kpp: get('kpp') || undefined,
        ogrn: get('ogrn') || undefined,
        industryId: ref('industry', 'industry', 'industryId'),
        activityKindId: ref('activityKind', 'activity_kind', 'activityKindId'),
        channelId: ref('channel', 'acquisition_channel', 'channelId'),
        region: get('region') || undefined,
        city: get('city') || undefined,
        address: get('address') || undefined,
        headcount: headcount ? (/^\d+$/.test(headcount.replace(/\s/g, '')) ? Number(headcount.replace(/\s/g, '')) : headcount) : undefined,
        annualRevenue: get('annualRevenue') ? parseMoney(get('annualRevenue')) : undefined,
        status: get('status') ? parseStatus(get('status')) : undefined,
        tags: get('tags') ? splitList(get('tags')) : undefined,
        birthday: get('birthday') ? parseDay(get('birthday')) : undefined,
        phones: get('phones') ? splitList(get('phones')) : undefined,
        emails: get('emails') ? splitList(get('emails')) : undefined,
      });
      for (const p of flattenValidationErrors(await validate(dto, { whitelist: true }))) rowErrors.push(rowError(rowNo, p.field, 'invalid', p.message));
      if (dto.kind === 'individual' && dto.inn?.length === 10) rowErrors.push(rowError(rowNo, 'inn', 'individual_inn', 'An individual has a 12-digit INN'));
      if (rowErrors.length) {
        errors.push(...rowErrors);
      } else {
        prepared.push({
          row: rowNo,
          client: this.dataSource.manager.create(Client, {
            kind: dto.kind,
            name: dto.name,
            nameNormalized: normalizeName(dto.name),
            inn: dto.inn ?? null,
            kpp: dto.kind === 'legal_entity' ? (dto.kpp ?? null) : null,
            ogrn: dto.kind === 'legal_entity' ? (dto.ogrn ?? null) : null,
            industryId: dto.industryId ?? null,
            activityKindId: dto.activityKindId ?? null,
            channelId: dto.channelId ?? null,
            region: dto.region ?? null,
            city: dto.city ?? null,
            address: dto.address ?? null,
            headcount: dto.headcount ?? null,
            annualRevenue: dto.annualRevenue ?? null,
            status: dto.status ?? 'cold',
            tags: normalizeTags(dto.tags),
            managerId: managerId!,
            birthday: dto.kind === 'individual' ? (dto.birthday ?? null) : null,
            phones: dto.phones ?? [],
            phonesNormalized: normalizePhones(dto.phones ?? []),
            emails: dto.emails ?? [],
            emailsNormalized: normalizeEmails(dto.emails ?? []),
            createdBy: user.id,
            archivedAt: null,
          }),
        });
      }
      progress.processed = i + 1;
      if (i % 500 === 499) await save(); // progress for the pollers, and the lease renewed
    }
    return { prepared, errors };
  }

  /**
   * Duplicates against the base (same INN, phone, e-mail, or the same normalised name in
   * the same city) and within the file, in four set-based queries for the whole file.
   * Matches outside the caller's scope are reported without their data.
   */
  private async findDuplicates(prepared: PreparedRow[], user: AuthenticatedUser): Promise<ImportDuplicateDto[]> {
    const scope = scopeOf(user);
    const inns = [...new Set(prepared.map((p) => p.client.inn).filter((x): x is string => !!x))];
    const phones = [...new Set(prepared.flatMap((p) => p.client.phonesNormalized))];
    const emails = [...new Set(prepared.flatMap((p) => p.client.emailsNormalized))];
    const names = prepared.map((p) => p.client.nameNormalized);
    const cities = prepared.map((p) => p.client.city ?? '');
    type Row = { id: string; name: string; city: string | null; inn: string | null; manager_id: string; phones_normalized: string[]; emails_normalized: string[]; name_normalized: string };
    const select = 'SELECT id, name, city, inn, manager_id, phones_normalized, emails_normalized, name_normalized FROM clients WHERE archived_at IS NULL AND';
    const [byInn, byPhone, byEmail, byName]: Row[][] = await Promise.all([
      inns.length ? this.dataSource.query(`${select} inn = ANY($1::text[])`, [inns]) : [],
      // One GIN lookup per value (unnest), not a scan testing every client against the whole list.
      phones.length
        ? this.dataSource.query(
            `SELECT DISTINCT c.id, c.name, c.city, c.inn, c.manager_id, c.phones_normalized, c.emails_normalized, c.name_normalized
               FROM unnest($1::text[]) AS v(value) JOIN clients c ON c.phones_normalized @> ARRAY[v.value] WHERE c.archived_at IS NULL`,
            [phones],
          )
        : [],
      emails.length
        ? this.dataSource.query(
            `SELECT DISTINCT c.id, c.name, c.city, c.inn, c.manager_id, c.phones_normalized, c.emails_normalized, c.name_normalized
               FROM unnest($1::text[]) AS v(value) JOIN clients c ON c.emails_normalized @> ARRAY[v.value] WHERE c.archived_at IS NULL`,
            [emails],
          )
        : [],
      this.dataSource.query(
        `${select} (name_normalized, coalesce(city, '')) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [names, cities],
      ),
    ]);
    const describe = (r: Row, reason: DuplicateMatchDto['reason']): DuplicateMatchDto =>
      inScope(scope, r.manager_id)
        ? { reason, accessible: true, clientId: r.id, name: r.name, city: r.city, inn: r.inn }
        : { reason, accessible: false, clientId: null, name: null, city: null, inn: null };

    const out: ImportDuplicateDto[] = [];
    const seen = new Map<string, number>();
    for (const { row, client: c } of prepared) {
      const match =
        (c.inn && byInn.find((r) => r.inn === c.inn) && describe(byInn.find((r) => r.inn === c.inn)!, 'inn')) ||
        (byPhone.find((r) => r.phones_normalized.some((p) => c.phonesNormalized.includes(p))) &&
          describe(byPhone.find((r) => r.phones_normalized.some((p) => c.phonesNormalized.includes(p)))!, 'phone')) ||
        (byEmail.find((r) => r.emails_normalized.some((e) => c.emailsNormalized.includes(e))) &&
          describe(byEmail.find((r) => r.emails_normalized.some((e) => c.emailsNormalized.includes(e)))!, 'email')) ||
        (byName.find((r) => r.name_normalized === c.nameNormalized && (r.city ?? '') === (c.city ?? '')) &&
          describe(byName.find((r) => r.name_normalized === c.nameNormalized && (r.city ?? '') === (c.city ?? ''))!, 'similar_name')) ||
        null;
      const keys = [c.inn && `inn:${c.inn}`, ...c.phonesNormalized.map((p) => `phone:${p}`), ...c.emailsNormalized.map((e) => `email:${e}`), `name:${c.nameNormalized}|${c.city ?? ''}`].filter(
        (k): k is string => !!k,
      );
      const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined) ?? null;
      for (const k of keys) if (!seen.has(k)) seen.set(k, row);
      if (match || earlier !== null) out.push({ row, sameAsRow: earlier, match });
    }
    return out;
  }

  /**
   * Every row in one transaction (under the item's lease): multi-row INSERTs, history in
   * bulk, and the import marked succeeded — all or nothing.
   */
  private async write(prepared: PreparedRow[], ctx: WorkContext, importId: string): Promise<number> {
    return ctx.transaction(async (em: EntityManager) => {
      const ids: string[] = [];
      for (let i = 0; i < prepared.length; i += INSERT_CHUNK) {
        const chunk = prepared.slice(i, i + INSERT_CHUNK).map((p) => p.client);
        const result = await em.createQueryBuilder().insert().into(Client).values(chunk).returning(['id']).updateEntity(false).execute();
        result.raw.forEach((r: { id: string }, j: number) => {
          chunk[j].id = r.id;
          ids.push(r.id);
        });
      }
      const clients = prepared.map((p) => p.client);
      await this.events.publish(em, {
        type: 'clients.imported',
        payload: { clients: clients.map((c) => ({ clientId: c.id, name: c.name })) },
        audit: clients.map((c) => ({ action: 'create', entityType: 'client', entityId: c.id, after: { ...clientHistoryFields(c), source: 'import' } })),
      });
      await em.query(
        `UPDATE client_imports SET status = 'succeeded', phase = 'done', processed_rows = $2, total_rows = $2, created_rows = $3, finished_at = now(), file = NULL WHERE id = $1`,
        [importId, prepared.length, ids.length],
      );
      return ids.length;
    });
  }
}
