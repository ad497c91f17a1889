import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressPercent, queueNameKey, sortQueues } from '@/features/queues/lib/queues';
import en from '@/i18n/queues.en';
import ru from '@/i18n/queues.ru';

/** The queue names the API defines (`defineQueue<…>('name')` in its sources, examples in comments excluded). */
function apiQueueNames(): string[] {
  const src = resolve(__dirname, '../../../api/src');
  const names = new Set<string>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    for (const line of readFileSync(join(src, file), 'utf8').split('\n')) {
      if (/^\s*(\/\/|\*)/.test(line)) continue;
      for (const m of line.matchAll(/defineQueue(?:<[^(]*>)?\('([^']+)'\)/g)) names.add(m[1]);
    }
  }
  return [...names].sort();
}

describe('background work screen helpers', () => {
  it('names every queue the API defines in words, in Russian and English', () => {
    const names = apiQueueNames();
    expect(names).toContain('clients.import');
    for (const name of names) {
      const key = queueNameKey(name).split('.').pop() as keyof typeof ru.queues.names;
      expect({ name, ru: ru.queues.names[key] }).toEqual({ name, ru: expect.stringMatching(/[а-я]/) });
      expect({ name, en: en.queues.names[key] }).toEqual({ name, en: expect.stringMatching(/[a-z]/) });
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
