import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEventDto } from '@/api/types';
import { setLocale } from '@/i18n';
import { NBSP } from '@/utils/format';
import { changeRows, formatChangeValue, type TimelineLookups } from '@/features/clients/lib/timeline';
import { describeEvent } from '@/features/clients/lib/timeline-events';

const lookups: TimelineLookups = {
  referenceName: new Map([['ind-1', 'Продуктовая розница'], ['ch-1', 'Выставка']]),
  managerName: (id) => ({ 'm-1': 'Смирнов Алексей Петрович', 'm-2': 'Кузнецова Ольга Викторовна' })[id],
};

/** An entry as the API sends it; payloads are loose here to test old and odd rows too. */
function event(kind: string, payload: Record<string, unknown>): TimelineEventDto {
  return {
    id: '1',
    clientId: 'c-1',
    occurredAt: '2026-03-05T09:30:00.000Z',
    kind: kind as TimelineEventDto['kind'],
    actorId: 'm-1',
    actorName: 'Смирнов Алексей Петрович',
    payload: payload as TimelineEventDto['payload'],
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
  it('titles client kinds from the payload', () => {
    expect(describeEvent(event('client_updated', { changes: { city: { from: 'A', to: 'B' } } }), lookups)).toMatchObject({
      title: 'Изменены данные клиента',
      tone: 'update',
      changes: [{ field: 'city', label: 'Город', from: 'A', to: 'B' }],
    });
    expect(describeEvent(event('contact_updated', { fullName: 'Иванова М. С.', changes: {} }), lookups).title).toBe('Изменено контактное лицо: Иванова М. С.');
    expect(describeEvent(event('some_future_kind', {}), lookups)).toMatchObject({ title: 'Событие', tone: 'other' });
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

describe('client history: sales and tasks, in Russian and English', () => {
  const proposal = event('proposal_created', { dealId: 'd-1', number: 'КП-2026-00101', total: '1234567.89' });
  const call = event('task_done', { taskId: 't-1', type: 'call', subject: 'Уточнить дату монтажа', result: 'Монтаж 15 декабря' });

  it('shows the exact amount in Russian format and names a proposal once', () => {
    const view = describeEvent(proposal, lookups);
    expect(view.title).toBe(`Подготовлено коммерческое предложение КП-2026-00101 на 1${NBSP}234${NBSP}567,89${NBSP}₽`);
    expect(view.title.match(/КП/g)).toHaveLength(1);
    expect(view.tone).toBe('document');
  });

  it('shows a done call with its result, without «(а)»', () => {
    const view = describeEvent(call, lookups);
    expect(view.title).toBe('Звонок состоялся: Уточнить дату монтажа');
    expect(view.title).not.toContain('(а)');
    expect(view.details).toEqual([{ label: 'Результат', value: 'Монтаж 15 декабря' }]);
    expect(describeEvent(event('task_done', { type: 'meeting', subject: 'Показ образцов', result: null }), lookups)).toMatchObject({
      title: 'Встреча состоялась: Показ образцов',
      details: [],
    });
  });

  it('describes deals, invoices, payments, installations and planned tasks', () => {
    expect(describeEvent(event('deal_lost', { title: 'Витрины', amount: '10.00', lossReasonName: 'Цена', comment: 'Дорого' }), lookups)).toMatchObject({
      title: 'Сделка «Витрины» проиграна',
      details: [
        { label: 'Причина', value: 'Цена' },
        { label: 'Комментарий', value: 'Дорого' },
      ],
    });
    expect(describeEvent(event('invoice_issued', { number: 'СЧ-2026-00007', amount: '33330.00', dueDate: '2027-12-31' }), lookups).title).toBe(
      `Выставлен счёт СЧ-2026-00007 на 33${NBSP}330,00${NBSP}₽, оплата до 31.12.2027`,
    );
    expect(describeEvent(event('payment_received', { number: 'СЧ-1', amount: '0.10', fullyPaid: false }), lookups).title).toBe(`Получена оплата 0,10${NBSP}₽ по счёту СЧ-1`);
    expect(describeEvent(event('payment_received', { number: 'СЧ-1', amount: '5.00', fullyPaid: true }), lookups).title).toBe(
      `Счёт СЧ-1 оплачен полностью, последний платёж 5,00${NBSP}₽`,
    );
    expect(describeEvent(event('installation_created', { dealTitle: 'Камера', contractNumber: 'Д-2026-00001', deadline: '2026-12-15' }), lookups)).toMatchObject({
      title: 'Передано в монтаж: «Камера», договор Д-2026-00001',
      details: [{ label: 'Срок монтажа', value: '15.12.2026' }],
    });
    expect(describeEvent(event('task_planned', { type: 'call', subject: 'Контроль оплаты', dueAt: '2026-12-01T15:00:00.000Z' }), lookups)).toMatchObject({
      title: 'Запланирован звонок: Контроль оплаты',
      details: [{ label: 'Срок', value: '01.12.2026 18:00' }],
    });
  });

  it('shows an old row whose record is gone with dashes, not "undefined"', () => {
    const view = describeEvent(event('deal_won', { dealId: 'd-1' }), lookups);
    expect(view.title).toBe('Сделка «—» выиграна: —');
  });

  it('speaks English to English readers, money still exact', () => {
    setLocale('en');
    expect(describeEvent(proposal, lookups).title).toBe(`Proposal КП-2026-00101 prepared, 1${NBSP}234${NBSP}567,89${NBSP}₽`);
    expect(describeEvent(call, lookups)).toMatchObject({
      title: 'Call made: Уточнить дату монтажа',
      details: [{ label: 'Result', value: 'Монтаж 15 декабря' }],
    });
    expect(describeEvent(event('deal_stage_changed', { title: 'Витрины', fromStageName: 'A', toStageName: 'B', comment: null }), lookups).title).toBe('Deal “Витрины”: A → B');
  });
});

describe('client history: leads, calls and e-mails', () => {
  it('shows a website lead, a call with its duration and recording, a missed call and an e-mail, each with its own tone', () => {
    const lead = describeEvent(event('lead_received', { source: 'website', matched: false, contactName: 'Ирина', phone: '+74951234567', email: null, message: 'Нужна витрина' }), lookups);
    expect(lead).toMatchObject({ title: 'Заявка с сайта: Ирина', tone: 'lead', text: 'Нужна витрина' });
    expect(lead.details[0].label).toBe('Телефон');
    expect(lead.details[0].value).toMatch(/495/);

    const call = describeEvent(event('call', { direction: 'outgoing', missed: false, phone: '+74951234567', durationSeconds: 134, recordingUrl: 'https://pbx.example/r.mp3', startedAt: '2026-03-05T09:30:00Z' }), lookups);
    expect(call).toMatchObject({ title: 'Исходящий звонок, 2 мин 14 с', tone: 'call', link: { label: 'Запись разговора', href: 'https://pbx.example/r.mp3' } });
    const missed = describeEvent(event('call', { direction: 'incoming', missed: true, phone: '+74951234567', durationSeconds: 0, recordingUrl: 'javascript:alert(1)' }), lookups);
    expect(missed).toMatchObject({ title: 'Пропущенный входящий звонок', link: null });

    const mail = describeEvent(event('email_received', { fromAddress: 'buh@example.ru', fromName: 'Бухгалтерия', subject: 'Счёт', excerpt: 'Пришлите счёт' }), lookups);
    expect(mail).toMatchObject({ title: 'Письмо от клиента: Счёт', tone: 'email', text: 'Пришлите счёт', details: [{ label: 'От кого', value: 'Бухгалтерия <buh@example.ru>' }] });
    setLocale('en');
    expect(describeEvent(event('call', { direction: 'incoming', missed: false, durationSeconds: 45 }), lookups).title).toBe('Incoming call, 45 s');
  });
});
