import { describe, expect, it } from 'vitest';
import { progressPercent, queueNameKey, sortQueues } from '@/features/queues/lib/queues';
import ru from '@/i18n/queues.ru';

describe('background work screen helpers', () => {
  it('names every queue the API has today in words', () => {
    for (const name of ['clients.import', 'jobs.run', 'quality.escalate', 'marketing.mailing-dispatch', 'marketing.mail-send']) {
      const key = queueNameKey(name).split('.').pop() as keyof typeof ru.queues.names;
      expect(ru.queues.names[key]).toMatch(/[а-я]/);
    }
  });

  it('shows progress in whole percent and nothing before the total is known', () => {
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 5, total: 5 })).toBe(100);
    expect(progressPercent({ done: 0, total: 0 })).toBeNull();
    expect(progressPercent(null)).toBeNull();
  });

  it('puts the queues with failures first', () => {
    const names: Record<string, string> = { a: 'Импорт', b: 'Рассылка', c: 'Запуск' };
    const sorted = sortQueues(
      [
        { name: 'a', failed: 0 },
        { name: 'b', failed: 2 },
        { name: 'c', failed: 0 },
      ],
      (n) => names[n] ?? n,
    );
    expect(sorted.map((q) => q.name)).toEqual(['b', 'c', 'a']);
  });
});
