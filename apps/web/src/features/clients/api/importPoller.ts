import type { ClientImportDto } from '@/api/types';

/**
 * Follows a running import: asks for its state every `interval` ms until it is no
 * longer `running`. One request at a time (the next waits for the previous answer),
 * a few failed requests in a row are tolerated (a flaky network must not lose an
 * import that is still running on the server).
 */
export interface ImportPoller {
  /** Stops polling; `done` then resolves with null. */
  stop(): void;
  /** The finished import (succeeded or failed), or null when stopped. */
  readonly done: Promise<ClientImportDto | null>;
}

export interface PollOptions {
  interval?: number;
  /** Consecutive failures after which `done` rejects with the last error. */
  maxErrors?: number;
}

export function pollImport(
  fetchJob: () => Promise<ClientImportDto>,
  onUpdate: (job: ClientImportDto) => void,
  { interval = 500, maxErrors = 5 }: PollOptions = {},
): ImportPoller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let failures = 0;
  let settle!: (job: ClientImportDto | null) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<ClientImportDto | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  const schedule = () => {
    timer = setTimeout(tick, interval);
  };

  async function tick(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    let job: ClientImportDto;
    try {
      job = await fetchJob();
    } catch (error) {
      if (stopped) return;
      failures++;
      if (failures >= maxErrors) {
        stopped = true;
        fail(error);
      } else {
        schedule();
      }
      return;
    }
    if (stopped) return;
    failures = 0;
    onUpdate(job);
    if (job.status === 'running') {
      schedule();
    } else {
      stopped = true;
      settle(job);
    }
  }

  schedule();
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      settle(null);
    },
  };
}
