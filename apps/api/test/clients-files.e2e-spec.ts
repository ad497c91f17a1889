import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { WorkQueue } from '../src/modules/queue';
import { bearer, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Valid 10-digit INNs, generated with the check digit. */
function inn10(seed: number): string {
  const base = String(7700000000 + seed * 7919).slice(0, 9).split('').map(Number);
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (w.reduce((s, x, i) => s + x * base[i], 0) % 11) % 10;
  return base.join('') + check;
}

describe('client import and export', () => {
  let t: TestApp;
  let head: string;
  let manager1: string;

  beforeAll(async () => {
    t = await TestApp.start();
    head = (await t.login('head@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
  });
  afterAll(() => t.close());

  async function upload(token: string, file: Buffer, name: string, fields: Record<string, string>) {
    let req = t.http.post('/api/clients/imports').set(bearer(token)).attach('file', file, name);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  }

  async function finish(token: string, id: string) {
    // Workers are off in tests: the queued import runs when the test works the queue off.
    await t.app.get(WorkQueue).drain();
    for (let i = 0; i < 200; i++) {
      const res = await t.http.get(`/api/clients/imports/${id}`).set(bearer(token));
      if (res.body.status !== 'running') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  const count = async () => Number((await t.sql.query(`SELECT count(*)::int AS n FROM clients`))[0].n);

  it('dry-runs a ;-separated UTF-8 CSV with BOM: per-row errors and duplicates, nothing written', async () => {
    const existing = await clientOf(t, 'manager2@lider.test');
    const csv =
      '\uFEFFНаименование;ИНН;Город;Телефон;Статус;Менеджер;Лишняя колонка\n' +
      `ООО «Импорт Один»;${inn10(1)};Москва;+7 (495) 111-00-01;Активный;manager1@lider.test;x\n` +
      `ООО «Импорт Два»;7707083894;Химки;;Активный;manager1@lider.test;x\n` +
      `ООО «Импорт Три»;${existing.inn};Клин;;Холодный;manager1@lider.test;x\n` +
      `ООО «Импорт Четыре»;${inn10(1)};Москва;;;nobody@lider.test;x\n`;
    const before = await count();
    const started = await upload(head, Buffer.from(csv, 'utf8'), 'клиенты.csv', { dryRun: 'true' });
    expect(started.status).toBe(202);
    expect(started.body.fileName).toBe('клиенты.csv');
    const done = await finish(head, started.body.id);
    expect(done).toMatchObject({ status: 'succeeded', dryRun: true, totalRows: 4, createdRows: 0 });
    expect(done.report.ignoredColumns).toEqual(['Лишняя колонка']);
    expect(done.report.validRows).toBe(2);
    expect(done.report.errors).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'inn', code: 'invalid', params: {}, message: expect.stringContaining('INN') },
        { row: 5, field: 'managerId', code: 'not_a_manager', params: { value: 'nobody@lider.test' }, message: expect.stringContaining('nobody@lider.test') },
      ]),
    );
    expect(done.report.duplicates).toEqual([{ row: 4, sameAsRow: null, match: expect.objectContaining({ reason: 'inn', accessible: true, clientId: expect.any(String) }) }]);
    expect(await count()).toBe(before);
  });

  it('refuses the whole file on a real run when any row is wrong', async () => {
    const csv = 'Наименование,ИНН\n' + `ООО «Хороший»,${inn10(2)}\n` + 'ООО «Плохой»,123\n';
    const before = await count();
    const started = await upload(head, Buffer.from(csv, 'utf8'), 'bad.csv', { dryRun: 'false' });
    const done = await finish(head, started.body.id);
    expect(done.status).toBe('failed');
    expect(done.failure).toEqual({ code: 'row_errors', params: { count: 1 } });
    expect(done.failureReason).toMatch(/nothing was imported/);
    expect(await count()).toBe(before);
  });

  it('imports a Windows-1251 CSV separated by commas, all rows in one go, with history', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `"ООО ""Павильон №${i + 1}""",${inn10(100 + i)},Подольск,Постоянный,manager3@lider.test`);
    const text = ['Наименование,ИНН,Город,Статус,Менеджер', ...rows].join('\r\n');
    const encoded = encode1251(text);
    expect(encoded.length).toBe(text.length); // one byte per character: really not UTF-8
    const before = await count();
    const started = await upload(head, encoded, 'pavilions.csv', { dryRun: 'false' });
    const done = await finish(head, started.body.id);
    expect(done).toMatchObject({ status: 'succeeded', createdRows: 120, processedRows: 120 });
    expect(await count()).toBe(before + 120);
    const [c] = await t.sql.query(`SELECT id, status, city, manager_id FROM clients WHERE name = 'ООО "Павильон №7"'`);
    expect(c).toMatchObject({ status: 'regular', city: 'Подольск', manager_id: await t.userId('manager3@lider.test') });
    const timeline = await t.http.get(`/api/clients/${c.id}/timeline`).set(bearer(head));
    expect(timeline.body.items[0]).toMatchObject({ kind: 'client_created', payload: { name: expect.any(String), source: 'import' } });
    // The same file again: every row is now a duplicate, so nothing is written.
    const again = await finish(head, (await upload(head, encoded, 'pavilions.csv', { dryRun: 'false' })).body.id);
    expect(again.status).toBe('failed');
    expect(again.failure).toEqual({ code: 'duplicates', params: { count: 120 } });
    expect(again.report.duplicates).toHaveLength(120);
  });

  it('imports XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Клиенты');
    ws.addRow(['Наименование', 'ИНН', 'Выручка', 'Тип', 'Менеджер']);
    ws.addRow(['ООО «Из Экселя»', inn10(500), '1 250 000,50', 'Юридическое лицо', 'Смирнов Алексей Петрович']);
    ws.addRow(['Кравцов Игорь Львович', '', '', 'Физическое лицо', 'manager1@lider.test']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const done = await finish(head, (await upload(head, buffer, 'clients.xlsx', { dryRun: 'false' })).body.id);
    expect(done).toMatchObject({ status: 'succeeded', createdRows: 2 });
    const [row] = await t.sql.query(`SELECT annual_revenue, kind FROM clients WHERE name = 'ООО «Из Экселя»'`);
    expect(row).toEqual({ annual_revenue: '1250000.50', kind: 'legal_entity' });
  });

  it('does not leak another manager’s client through the duplicate report', async () => {
    const foreign = await clientOf(t, 'manager2@lider.test');
    const imports = await t.login('director@lider.test');
    const csv = `Наименование;ИНН;Менеджер\nООО «Проба»;${foreign.inn};manager1@lider.test\n`;
    // A head sees everything; the assistant's view is the scoped one.
    const assistant = (await t.login('assistant1@lider.test')).accessToken;
    expect((await upload(assistant, Buffer.from(csv), 'x.csv', { dryRun: 'true' })).status).toBe(403);
    const done = await finish(imports.accessToken, (await upload(imports.accessToken, Buffer.from(csv), 'x.csv', { dryRun: 'true' })).body.id);
    expect(done.report.duplicates[0].match.accessible).toBe(true);
  });

  it('gives each row error and the failure reason a stable code with its values', async () => {
    const csv = 'Наименование;Отрасль;Тип;ИНН\n' + 'ООО «Код»;Пекарни-нет-такой;;\n' + `Кравцов Игорь Львович;;Физическое лицо;${inn10(3)}\n`;
    const dry = await finish(head, (await upload(head, Buffer.from(csv), 'codes.csv', { dryRun: 'true' })).body.id);
    expect(dry.failure).toBeNull();
    expect(dry.report.errors).toEqual(
      expect.arrayContaining([
        { row: 2, field: 'industryId', code: 'not_in_list', params: { value: 'Пекарни-нет-такой' }, message: '"Пекарни-нет-такой" is not in the list' },
        { row: 3, field: 'inn', code: 'individual_inn', params: {}, message: 'An individual has a 12-digit INN' },
      ]),
    );
    const noName = await finish(head, (await upload(head, Buffer.from('ИНН\n7707083893\n'), 'noname.csv', { dryRun: 'true' })).body.id);
    expect(noName).toMatchObject({ status: 'failed', failure: { code: 'no_name_column', params: {} } });
    const empty = await finish(head, (await upload(head, Buffer.from('Наименование\n'), 'empty.csv', { dryRun: 'true' })).body.id);
    expect(empty).toMatchObject({ status: 'failed', failure: { code: 'no_rows', params: {} }, failureReason: 'The file has no data rows' });
  });

  it('shows an import only to whoever started it (and management)', async () => {
    const started = await upload(head, Buffer.from('Наименование\nООО «Тайна»\n'), 'x.csv', { dryRun: 'true' });
    await finish(head, started.body.id);
    const marketing = (await t.login('marketing1@lider.test')).accessToken;
    expect((await t.http.get(`/api/clients/imports/${started.body.id}`).set(bearer(marketing))).status).toBe(403);
    expect((await t.http.get(`/api/clients/imports/${started.body.id}`).set(bearer(manager1))).status).toBe(403);
  });

  it('keeps progress in the database, and an import whose worker was killed ends failed with its reason', async () => {
    const csv = 'Наименование;Город\nООО «Прерванный импорт»;Клин\n';
    const started = await upload(head, Buffer.from(csv), 'killed.csv', { dryRun: 'false' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', phase: 'queued', processedRows: 0 });
    // A worker claimed it, then its process was killed: the item is active under a lease
    // that nobody renews any more.
    await t.sql.query(
      `UPDATE queue_items SET status = 'active', attempts = 1, lease_token = gen_random_uuid(), lease_expires_at = clock_timestamp() - interval '1 second'
        WHERE queue = 'clients.import' AND payload->>'importId' = $1`,
      [started.body.id],
    );
    await t.sql.query(`UPDATE client_imports SET phase = 'checking', processed_rows = 1, total_rows = 1 WHERE id = $1`, [started.body.id]);
    const polled = await t.http.get(`/api/clients/imports/${started.body.id}`).set(bearer(head));
    expect(polled.body).toMatchObject({ status: 'running', phase: 'checking', processedRows: 1, totalRows: 1 });

    const before = await count();
    await t.app.get(WorkQueue).drain();
    const done = (await t.http.get(`/api/clients/imports/${started.body.id}`).set(bearer(head))).body;
    expect(done).toMatchObject({ status: 'failed', phase: 'done', createdRows: 0 });
    expect(done.failure).toEqual({ code: 'interrupted', params: {} });
    expect(done.failureReason).toMatch(/interrupted/);
    expect(done.finishedAt).not.toBeNull();
    expect(await count()).toBe(before);
    const [item] = await t.sql.query(`SELECT status FROM queue_items WHERE queue = 'clients.import' AND payload->>'importId' = $1`, [started.body.id]);
    expect(item.status).toBe('dead');
  });

  it('exports CSV for Russian Excel with formulas neutralised, and XLSX with text cells', async () => {
    await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: '=HYPERLINK("http://evil","Жми")', annualRevenue: '1234567.89' });
    const csv = await t.http.get('/api/clients/export').query({ format: 'csv', q: 'HYPERLINK' }).set(bearer(manager1)).buffer(true).parse(binary);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, line] = text.slice(1).trim().split('\r\n');
    expect(header.split(';')[0]).toBe('Наименование');
    expect(line.startsWith(`"'=HYPERLINK`)).toBe(true);
    expect(line).toContain(';1234567,89;');

    const xlsx = await t.http.get('/api/clients/export').query({ format: 'xlsx', q: 'HYPERLINK' }).set(bearer(manager1)).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cell = wb.worksheets[0].getRow(2).getCell(1);
    expect(cell.formula).toBeUndefined();
    expect(cell.text).toBe('=HYPERLINK("http://evil","Жми")');
    expect(wb.worksheets[0].getRow(2).getCell(15).value).toBe(1234567.89);
  });
});

/** Windows-1251 encoder for the test file (Cyrillic + ASCII). */
function encode1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
    else if (code === 0x401) out.push(0xa8);
    else if (code === 0x451) out.push(0xb8);
    else if (code === 0x2116) out.push(0xb9);
    else throw new Error(`no cp1251 byte for ${ch}`);
  }
  return Buffer.from(out);
}
