/**
 * The columns the client import understands (the API's aliases are case-insensitive)
 * and a sample file people can fill in: `;`-separated, UTF-8 with a BOM so that
 * Russian Excel opens it correctly.
 */
export const IMPORT_COLUMNS = [
  'Наименование',
  'ИНН',
  'КПП',
  'ОГРН',
  'Тип',
  'Отрасль',
  'Вид деятельности',
  'Регион',
  'Город',
  'Адрес',
  'Численность',
  'Выручка',
  'Статус',
  'Канал',
  'Теги',
  'Менеджер',
  'Телефон',
  'E-mail',
  'День рождения',
] as const;

const SAMPLE_ROWS: string[][] = [
  [
    'ООО «Северный хлеб»',
    '7707083893',
    '770701001',
    '1027700132195',
    'Юридическое лицо',
    'Продуктовая розница',
    '',
    'Московская область',
    'Мытищи',
    'ул. Мира, 12',
    '45',
    '12500000,00',
    'Холодный',
    '',
    'сеть, новый',
    'manager1@lider.test',
    '+7 (495) 123-45-67',
    'info@example.ru',
    '',
  ],
  [
    'Иванов Иван Иванович',
    '',
    '',
    '',
    'Физическое лицо',
    '',
    '',
    'Москва',
    'Москва',
    '',
    '',
    '',
    'Думает',
    '',
    '',
    'Смирнов Алексей Петрович',
    '8 916 123-45-67',
    '',
    '15.04.1980',
  ],
];

function cell(value: string): string {
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV text (BOM, `;`, CRLF) from a header row and data rows. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `\ufeff${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

export function sampleCsv(): string {
  return toCsv([IMPORT_COLUMNS as readonly string[], ...SAMPLE_ROWS]);
}
