import { describe, expect, it } from 'vitest';
import type { InstallationDto } from '@/features/service/api/service';
import { boardColumns } from '@/features/service/lib/board';
import { slipText } from '@/features/service/lib/labels';
import { loadLevel, mondayOf, weekOf } from '@/features/service/lib/week';

let n = 0;
function job(over: Partial<InstallationDto>): InstallationDto {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    dealId: 'd',
    dealTitle: null,
    contractId: null,
    contractNumber: null,
    clientId: 'c',
    clientName: `Клиент ${n}`,
    clientAddress: null,
    managerId: 'm',
    managerName: 'Менеджер',
    deadline: null,
    plannedOn: null,
    handedOverOn: null,
    lateHandover: false,
    handoverWorkingDays: null,
    late: false,
    status: 'planned',
    engineers: [],
    startedOn: null,
    finishedOn: null,
    slipCode: null,
    slipReason: null,
    cancelReason: null,
    unitsInstalled: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

describe('the installation board', () => {
  it('puts open jobs by the nearest deadline (none last), finished ones newest first, and counts the late ones', () => {
    const far = job({ deadline: '2026-12-20' });
    const near = job({ deadline: '2026-12-01', late: true });
    const none = job({});
    const doneOld = job({ status: 'done', deadline: '2026-10-01' });
    const doneNew = job({ status: 'done', deadline: '2026-11-20', late: true, slipCode: 'late_handover' });
    const cancelled = job({ status: 'cancelled', deadline: '2026-11-01' });
    const cols = boardColumns([far, none, doneOld, near, doneNew, cancelled]);
    expect(cols.map((c) => c.status)).toEqual(['planned', 'in_progress', 'done']);
    expect(cols[0].jobs.map((j) => j.id)).toEqual([near.id, far.id, none.id]);
    expect(cols[0].late).toBe(1);
    expect(cols[2].jobs.map((j) => j.id)).toEqual([doneNew.id, doneOld.id]);
    expect(boardColumns([cancelled], { showCancelled: true }).at(-1)).toMatchObject({ status: 'cancelled', jobs: [cancelled] });
  });

  it('«only late» keeps the slipped jobs and the late hand-overs', () => {
    const ok = job({ deadline: '2026-12-20' });
    const late = job({ deadline: '2026-11-20', late: true });
    const handover = job({ deadline: '2026-12-05', lateHandover: true });
    expect(boardColumns([ok, late, handover], { onlyLate: true })[0].jobs.map((j) => j.id)).toEqual([late.id, handover.id]);
  });

  it('says why a job slipped in words, with the engineer’s explanation', () => {
    expect(slipText({ slipCode: 'late_handover', slipReason: 'передали за два дня' })).toBe('Поздняя передача в монтаж менеджером: передали за два дня');
    expect(slipText({ slipCode: 'client_not_ready', slipReason: null })).toBe('Объект клиента не готов');
    expect(slipText({ slipCode: null, slipReason: null })).toBeNull();
  });
});

describe('the engineers’ week', () => {
  it('starts on Monday, Sunday included in the week before', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(weekOf('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('rates the load against the working days of the week', () => {
    expect(loadLevel(0, 5)).toBe('free');
    expect(loadLevel(5, 5)).toBe('normal');
    expect(loadLevel(6, 5)).toBe('busy');
    expect(loadLevel(4, 2)).toBe('busy');
    expect(loadLevel(11, 5)).toBe('over');
    // A week of holidays: any work is measured against one day.
    expect(loadLevel(3, 0)).toBe('over');
  });
});
