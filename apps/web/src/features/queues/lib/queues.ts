/** Display helpers of the background work screen (pure, unit-tested). */

/** The i18n key of a queue's name: dots are path separators in vue-i18n, so `clients.import` → `clients_import`. */
export function queueNameKey(name: string): string {
  return `queues.names.${name.replace(/[^a-zA-Z0-9]+/g, '_')}`;
}

export interface ProgressLike {
  done: number;
  total: number;
}

/** Whole percent of an item's progress, or null when it reports none yet. */
export function progressPercent(progress: ProgressLike | null | undefined): number | null {
  if (!progress || !(progress.total > 0)) return null;
  return Math.max(0, Math.min(100, Math.floor((progress.done / progress.total) * 100)));
}

/** The queues with failures first (they need the admin), then by name in words. */
export function sortQueues<T extends { name: string; failed: number }>(queues: T[], title: (name: string) => string): T[] {
  return [...queues].sort((a, b) => Number(b.failed > 0) - Number(a.failed > 0) || title(a.name).localeCompare(title(b.name), 'ru'));
}
