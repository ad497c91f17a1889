/**
 * Spreadsheet columns the import understands, by their usual Russian and English
 * headers (case and spaces ignored).
 */
export const IMPORT_COLUMNS = {
  name: ['наименование', 'название', 'клиент', 'name'],
  kind: ['тип', 'тип клиента', 'kind', 'type'],
  inn: ['инн', 'inn'],
  kpp: ['кпп', 'kpp'],
  ogrn: ['огрн', 'огрнип', 'ogrn'],
  industry: ['отрасль', 'industry'],
  activityKind: ['вид деятельности', 'activity', 'activity kind'],
  region: ['регион', 'region'],
  city: ['город', 'city'],
  address: ['адрес', 'address'],
  headcount: ['численность', 'сотрудников', 'headcount'],
  annualRevenue: ['выручка', 'годовая выручка', 'annual revenue', 'revenue'],
  status: ['статус', 'status'],
  channel: ['канал', 'источник', 'канал привлечения', 'channel'],
  tags: ['теги', 'метки', 'tags'],
  manager: ['менеджер', 'ответственный', 'manager'],
  phones: ['телефон', 'телефоны', 'phone', 'phones'],
  emails: ['e-mail', 'email', 'почта', 'эл. почта', 'emails'],
  birthday: ['день рождения', 'дата рождения', 'birthday'],
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;

const norm = (h: string) => h.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** header → field, for the headers that are recognised. */
export function mapHeaders(headers: string[]): Map<string, ImportField> {
  const out = new Map<string, ImportField>();
  for (const header of headers) {
    const h = norm(header);
    for (const [field, aliases] of Object.entries(IMPORT_COLUMNS) as Array<[ImportField, readonly string[]]>) {
      if (aliases.some((a) => norm(a) === h)) out.set(header, field);
    }
  }
  return out;
}

const STATUS_WORDS: Record<string, string> = {
  холодный: 'cold',
  думает: 'thinking',
  готов: 'ready',
  'готов к покупке': 'ready',
  активный: 'active',
  постоянный: 'regular',
  потерян: 'lost',
  потерянный: 'lost',
};

export function parseStatus(value: string): string | undefined {
  const v = norm(value);
  return STATUS_WORDS[v] ?? (v || undefined);
}

export function parseKind(value: string): string {
  const v = norm(value);
  if (['физлицо', 'физ. лицо', 'физическое лицо', 'individual', 'фл'].includes(v)) return 'individual';
  if (!v || ['юрлицо', 'юр. лицо', 'юридическое лицо', 'legal_entity', 'юл', 'ип'].includes(v)) return 'legal_entity';
  return v;
}

/** "12 345 678,90" / "12345678.9" → "12345678.90"-style decimal string (no float). */
export function parseMoney(value: string): string | undefined {
  const v = value.replace(/[\s\u00a0₽р.руб]+$/giu, '').replace(/[\s\u00a0]/g, '').replace(',', '.');
  return v || undefined;
}

/** dd.mm.yyyy or yyyy-mm-dd → yyyy-mm-dd. */
export function parseDay(value: string): string | undefined {
  const v = value.trim();
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v);
  if (ru) return `${ru[3]}-${ru[2]}-${ru[1]}`;
  return v || undefined;
}

export function splitList(value: string): string[] {
  return value
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
