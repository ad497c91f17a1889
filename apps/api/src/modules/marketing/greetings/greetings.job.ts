import type { JobDefinition } from '../../jobs/job-definition';
import type { GreetingsService } from './greetings.service';

export const GREETINGS_JOB = 'greetings';

/** Every morning: the day's birthday and holiday greetings (see GreetingsService). */
export function greetingsJob(service: GreetingsService): JobDefinition {
  return {
    name: GREETINGS_JOB,
    description: 'Поздравления с днём рождения и праздниками по шаблонам',
    cron: '0 9 * * *',
    dailyAt: { hour: 9, minute: 0 },
    run: (ctx) => service.run(ctx),
  };
}
