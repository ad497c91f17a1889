import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientImportDto } from '@/api/types';
import { pollImport } from '@/features/clients/api/importPoller';

function job(overrides: Partial<ClientImportDto> = {}): ClientImportDto {
  return {
    id: 'imp-1',
    status: 'running',
    phase: 'checking',
    dryRun: false,
    fileName: 'clients.csv',
    totalRows: 3,
    processedRows: 0,
    createdRows: 0,
    report: null,
    failureReason: null,
    failure: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('import poller', () => {
  it('asks every 500 ms, reports progress and stops when the import is over', async () => {
    const answers = [
      job({ processedRows: 1 }),
      job({ phase: 'writing', processedRows: 2 }),
      job({ status: 'succeeded', phase: 'done', processedRows: 3, createdRows: 3 }),
    ];
    const fetchJob = vi.fn(async () => answers.shift()!);
    const updates: ClientImportDto[] = [];
    const poller = pollImport(fetchJob, (j) => updates.push(j));

    expect(fetchJob).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(499);
    expect(fetchJob).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchJob).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchJob).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchJob).toHaveBeenCalledTimes(3);

    await expect(poller.done).resolves.toMatchObject({ status: 'succeeded', createdRows: 3 });
    expect(updates.map((u) => [u.phase, u.processedRows])).toEqual([
      ['checking', 1],
      ['writing', 2],
      ['done', 3],
    ]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchJob).toHaveBeenCalledTimes(3); // no polling after the end
  });

  it('waits for an answer before asking again', async () => {
    let resolve!: (j: ClientImportDto) => void;
    const fetchJob = vi.fn(() => new Promise<ClientImportDto>((r) => (resolve = r)));
    pollImport(fetchJob, () => undefined);
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(3000); // a slow answer
    expect(fetchJob).toHaveBeenCalledTimes(1);
    resolve(job());
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchJob).toHaveBeenCalledTimes(2);
  });

  it('tolerates a few failed requests, then gives up with the error', async () => {
    const failure = new Error('offline');
    const fetchJob = vi
      .fn<() => Promise<ClientImportDto>>()
      .mockRejectedValueOnce(failure)
      .mockResolvedValueOnce(job())
      .mockRejectedValue(failure);
    const poller = pollImport(fetchJob, () => undefined, { interval: 500, maxErrors: 3 });
    const outcome = poller.done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500 * 5);
    expect(fetchJob).toHaveBeenCalledTimes(5); // fail, ok, fail, fail, fail
    await expect(outcome).resolves.toBe(failure);
  });

  it('stops on request (leaving the page)', async () => {
    const fetchJob = vi.fn(async () => job());
    const poller = pollImport(fetchJob, () => undefined);
    await vi.advanceTimersByTimeAsync(500);
    poller.stop();
    await expect(poller.done).resolves.toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it('reports a failed import as finished', async () => {
    const poller = pollImport(async () => job({ status: 'failed', phase: 'done', failureReason: '2 error(s) in the file: nothing was imported' }), () => undefined);
    await vi.advanceTimersByTimeAsync(500);
    await expect(poller.done).resolves.toMatchObject({ status: 'failed' });
  });
});
