/**
 * The import part of the bench: a CSV the way Russian Excel saves it (`;`, UTF-8 with
 * BOM) uploaded to POST /api/clients/imports, then GET /api/clients/imports/{id}
 * polled until the job is no longer running.
 */

export const IMPORT_HEADERS = ['Наименование', 'ИНН', 'Город', 'Телефон', 'E-mail', 'Статус', 'Менеджер'];

const csvCell = (v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** n unique, valid rows → the file's bytes. */
export function buildImportCsv(gen, n, managerEmails) {
  const lines = [IMPORT_HEADERS.join(';')];
  for (let i = 1; i <= n; i++) {
    const r = gen.importRow(i, managerEmails);
    lines.push([r.name, r.inn, r.city, r.phone, r.email, r.status, r.manager].map(csvCell).join(';'));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Uploads the file and waits for the job to finish (bounded by `timeoutMs`). The polls
 * also time the phases: reading, checking (row validation until every row is processed,
 * then the duplicate search), writing.
 * @returns {Promise<{ seconds: number, serverSeconds: number|null, phases: Record<string, number>, job: object }>}
 */
export async function timeImport(api, session, csv, { dryRun, timeoutMs = 15 * 60_000, pollMs = 100 }) {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('file', new Blob([csv], { type: 'text/csv' }), `bench-clients-${csv.length}.csv`);
  const started = performance.now();
  let job = await api.json('POST', '/api/clients/imports', { token: await session.token(), form });
  const uploaded = performance.now();
  const marks = [['upload', started]];
  let lastStep = null;
  const deadline = Date.now() + timeoutMs;
  while (job.status === 'running') {
    // "checking" is two steps: validating rows (processed < total), then the duplicate search.
    const step = job.phase === 'checking' && job.totalRows > 0 && job.processedRows >= job.totalRows ? 'duplicates' : job.phase === 'checking' ? 'validating' : job.phase;
    if (step !== lastStep) {
      marks.push([step, performance.now()]);
      lastStep = step;
    }
    if (Date.now() > deadline) throw new Error(`Import ${job.id} still running after ${timeoutMs / 1000} s (phase ${job.phase}, ${job.processedRows}/${job.totalRows})`);
    await sleep(pollMs);
    job = await api.json('GET', `/api/clients/imports/${job.id}`, { token: await session.token() });
  }
  const ended = performance.now();
  marks.push(['end', ended]);
  const phases = {};
  for (let i = 0; i < marks.length - 1; i++) {
    const [name, at] = marks[i];
    phases[name] = (phases[name] ?? 0) + (marks[i + 1][1] - at) / 1000;
  }
  phases.upload = (uploaded - started) / 1000;
  const seconds = (ended - started) / 1000;
  const serverSeconds = job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.createdAt)) / 1000 : null;
  return { seconds, serverSeconds, phases, job };
}
