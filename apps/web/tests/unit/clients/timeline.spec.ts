import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '@/api/types';
import { setLocale } from '@/i18n';
import { NBSP } from '@/utils/format';
import { changeRows, describeEvent, formatChangeValue, type TimelineLookups } from '@/views/clients/timeline';

const lookups: TimelineLookups = {
  referenceName: new Map([['ind-1', 'Продуктовая розница'], ['ch-1', 'Выставка']]),
  managerName: (id) => ({ 'm-1': 'Смирнов Алексей Петрович', 'm-2': 'Кузнецова Ольга Викторовна' })[id],
};

function event(kind: string, payload: Record<string, unknown>, title = 'server title'): TimelineEventDto {
  return {
    id: '1',
    clientId: 'c-1',
    occurredAt: '2026-03-05T09:30:00.000Z',
    kind,
    actorId: 'm-1',
    actorName: 'Смирнов Алексей Петрович',
    title,
    payload,
    subjectType: null,
    subjectId: null,
  };
}

beforeEach(() => setLocale('ru'));

describe('client history: field changes', () => {
  it('translates field names and formats values (status, money, references, managers)', () => {
    const rows = changeRows(
      {
        status: { from: 'cold', to: 'active' },
        annualRevenue: { from: '1000000.00', to: '1234567.89' },
        industryId: { from: null, to: 'ind-1' },
        managerId: { from: 'm-1', to: 'm-2' },
      },
      lookups,
    );
    expect(rows).toEqual([
      { field: 'status', label: 'Статус', from: 'Холодный', to: 'Активный' },
      {
        field: 'annualRevenue',
        label: 'Годовая выручка',
        from: `1${NBSP}000${NBSP}000,00${NBSP}₽`,
        to: `1${NBSP}234${NBSP}567,89${NBSP}₽`,
      },
      { field: 'industryId', label: 'Отрасль', from: null, to: 'Продуктовая розница' },
      { field: 'managerId', label: 'Менеджер', from: 'Смирнов Алексей Петрович', to: 'Кузнецова Ольга Викторовна' },
    ]);
  });

  it('formats lists, phones, dates, kinds and empty values', () => {
    expect(formatChangeValue('tags', ['VIP', 'сеть'], lookups)).toBe('VIP, сеть');
    expect(formatChangeValue('phones', ['84951234567'], lookups)).toBe('+7 (495) 123-45-67');
    expect(formatChangeValue('birthday', '1980-04-15', lookups)).toBe('15.04.1980');
    expect(formatChangeValue('kind', 'individual', lookups)).toBe('Физическое лицо');
    expect(formatChangeValue('archivedAt', '2026-01-01T21:30:00.000Z', lookups)).toBe('02.01.2026 00:30');
    expect(formatChangeValue('city', null, lookups)).toBe('—');
    expect(formatChangeValue('tags', [], lookups)).toBe('—');
    expect(formatChangeValue('channelId', 'unknown-id', lookups)).toBe('unknown-id');
  });

  it('shows an emptied field as "old → —"', () => {
    expect(changeRows({ city: { from: 'Москва', to: null } }, lookups)).toEqual([
      { field: 'city', label: 'Город', from: 'Москва', to: '—' },
    ]);
  });

  it('ignores a malformed payload', () => {
    expect(changeRows(null, lookups)).toEqual([]);
    expect(changeRows('x', lookups)).toEqual([]);
  });

  it('follows the interface language', () => {
    setLocale('en');
    expect(changeRows({ status: { from: 'ready', to: 'lost' } }, lookups)).toEqual([
      { field: 'status', label: 'Status', from: 'Ready to buy', to: 'Lost' },
    ]);
  });
});

describe('client history: events', () => {
  it('titles known kinds and keeps the server title for kinds of later modules', () => {
    expect(describeEvent(event('client_updated', { changes: { city: { from: 'A', to: 'B' } } }), lookups)).toMatchObject({
      title: 'Изменены данные клиента',
      tone: 'update',
      changes: [{ field: 'city', label: 'Город', from: 'A', to: 'B' }],
    });
    expect(describeEvent(event('deal_won', {}, 'Сделка выиграна: 120 000 ₽'), lookups)).toMatchObject({
      title: 'Сделка выиграна: 120 000 ₽',
      tone: 'other',
    });
  });

  it('shows a note, a reassignment with its reason and a dossier update', () => {
    expect(describeEvent(event('note', { text: 'Перезвонить' }), lookups)).toMatchObject({ title: 'Заметка', text: 'Перезвонить' });
    expect(
      describeEvent(event('reassigned', { fromManagerName: 'Смирнов А. П.', toManagerName: 'Попов Д. С.', reason: 'Отпуск' }), lookups),
    ).toMatchObject({ title: 'Клиент передан: Смирнов А. П. → Попов Д. С.', reason: 'Отпуск', tone: 'reassign' });
    expect(
      describeEvent(event('dossier_updated', { changes: { competitors: {}, 'goals.costCut': {} } }), lookups).changedSections,
    ).toEqual(['Конкуренты', 'Снижение затрат']);
    expect(describeEvent(event('client_created', { source: 'import' }), lookups).title).toBe('Клиент загружен из файла');
    expect(describeEvent(event('contact_added', { fullName: 'Иванова М. С.' }), lookups).title).toBe(
      'Добавлено контактное лицо: Иванова М. С.',
    );
  });
});
