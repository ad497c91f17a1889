import type { InstallationDto } from '@/features/service/api/service';

export const BOARD_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export interface BoardColumn {
  status: BoardStatus;
  jobs: InstallationDto[];
  /** Late jobs in the column (open past the deadline, or finished after it). */
  late: number;
}

/**
 * The installation board: one column per status, each by the contract deadline
 * (nearest first, jobs without a deadline last); a late job keeps its place by deadline
 * but is counted so the column header shows how many slipped.
 */
export function boardColumns(jobs: readonly InstallationDto[], opts: { onlyLate?: boolean; showCancelled?: boolean } = {}): BoardColumn[] {
  const statuses = BOARD_STATUSES.filter((s) => s !== 'cancelled' || opts.showCancelled);
  return statuses.map((status) => {
    const mine = jobs
      .filter((j) => j.status === status && (!opts.onlyLate || j.late || j.lateHandover))
      .sort((a, b) => compareDeadline(a, b, status === 'done'));
    return { status, jobs: mine, late: mine.filter((j) => j.late).length };
  });
}

/** Open work: nearest deadline first. Finished work: the most recent deadline first. */
function compareDeadline(a: InstallationDto, b: InstallationDto, newestFirst: boolean): number {
  const da = a.deadline ?? a.plannedOn;
  const db = b.deadline ?? b.plannedOn;
  if (da === db) return a.clientName.localeCompare(b.clientName, 'ru');
  if (!da) return 1;
  if (!db) return -1;
  return (da < db ? -1 : 1) * (newestFirst ? -1 : 1);
}
