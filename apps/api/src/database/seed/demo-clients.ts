/**
 * Demo clients of "Лидер": food shops, pavilions, small chains, markets, cafés,
 * food producers and wholesalers in Moscow and the Moscow region that buy, install
 * and service refrigeration equipment.
 *
 * Pure and deterministic: everything comes from a seeded PRNG (mulberry32), so the
 * same (count, seed) always yields the same list. No database access here — the
 * seeder maps these records to entities (reference codes, manager e-mails, dates).
 */
import { completeInn, completeOgrn, formatPhone as displayPhone } from '@polar/ru-ids';

export type ClientKind = 'legal_entity' | 'individual';
export type ClientStatus = 'cold' | 'thinking' | 'ready' | 'active' | 'regular' | 'lost';
export type ContactInfluence = 'decision_maker' | 'high' | 'medium' | 'low';

export interface DemoContact {
  fullName: string;
  position: string | null;
  phones: string[];
  emails: string[];
  birthday: string | null;
  influence: ContactInfluence;
  personalBenefits: string | null;
  character: string | null;
  hobbies: string | null;
  isPrimary: boolean;
}

export interface DemoDossier {
  industryTrends: string;
  keySuccessFactors: string;
  marketShare: string;
  competitors: string[];
  goals: {
    marketShare: string | null;
    newCustomers: string | null;
    assortment: string | null;
    costCut: string | null;
    newProducts: string | null;
    newBranches: string | null;
  };
  purchaseBehaviour: string;
  potentialNeeds: string;
}

export interface DemoClient {
  key: string;
  kind: ClientKind;
  name: string;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  industryCode: string;
  activityCode: string;
  region: string;
  city: string;
  address: string;
  headcount: number | null;
  annualRevenue: string | null;
  status: ClientStatus;
  channelCode: string;
  tags: string[];
  managerIndex: number;
  birthday: string | null;
  phones: string[];
  emails: string[];
  createdDaysAgo: number;
  isKey: boolean;
  contacts: DemoContact[];
  dossier: DemoDossier | null;
}

export const DEMO_CLIENT_STATUSES: readonly ClientStatus[] = ['cold', 'thinking', 'ready', 'active', 'regular', 'lost'];
export const DEMO_CLIENT_TAGS = ['ключевой', 'сеть', 'круглосуточный', 'сезонный', 'госзакупки', 'требует внимания', 'VIP', 'новый'] as const;
export const DEMO_MANAGER_COUNT = 10;
export const DEFAULT_DEMO_CLIENT_COUNT = 300;
export const DEFAULT_DEMO_CLIENT_SEED = 20261123;

// ---------------------------------------------------------------------------
// PRNG and helpers
// ---------------------------------------------------------------------------

/** mulberry32: a tiny 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** n distinct items in random order. */
  some<T>(items: readonly T[], n: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(n, items.length));
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function randomDate(r: Rng, fromYear: number, toYear: number): string {
  const year = r.int(fromYear, toYear);
  const month = r.int(1, 12);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return `${year}-${pad2(month)}-${pad2(r.int(1, days))}`;
}

// ---------------------------------------------------------------------------
// INN / KPP / OGRN
// ---------------------------------------------------------------------------

const MOSCOW_TAX_OFFICES: readonly string[] = Array.from({ length: 51 }, (_, i) => String(7701 + i));

/** The tax-office code (first 4 INN digits) of each Moscow-region city. */
const REGION_TAX_OFFICES: Readonly<Record<string, string>> = {
  Химки: '5047',
  Мытищи: '5029',
  Подольск: '5036',
  Балашиха: '5001',
  Люберцы: '5027',
  Красногорск: '5024',
  Одинцово: '5032',
  Королёв: '5018',
  Домодедово: '5009',
  'Сергиев Посад': '5042',
  Коломна: '5022',
  Серпухов: '5043',
  Ногинск: '5031',
  Щёлково: '5050',
  Раменское: '5040',
  Пушкино: '5038',
  Дмитров: '5007',
  Клин: '5020',
  Электросталь: '5053',
};

function randomTaxOffice(r: Rng): string {
  return r.chance(0.6) ? r.pick(MOSCOW_TAX_OFFICES) : r.pick(Object.values(REGION_TAX_OFFICES));
}

function taxOfficeFor(r: Rng, city: string): string {
  return REGION_TAX_OFFICES[city] ?? r.pick(MOSCOW_TAX_OFFICES);
}

function checkTaxOffice(taxOffice: string): void {
  if (!/^\d{4}$/.test(taxOffice)) throw new RangeError(`Tax office code must be 4 digits: ${taxOffice}`);
}

/** A valid 10-digit legal-entity INN (tax office + 5 digits + check digit). */
export function generateInn10(rand: () => number, taxOffice?: string): string {
  const r = new Rng(rand);
  const prefix = taxOffice ?? randomTaxOffice(r);
  checkTaxOffice(prefix);
  return completeInn(prefix + r.digits(5));
}

/** A valid 12-digit individual INN (tax office + 6 digits + two check digits). */
export function generateInn12(rand: () => number, taxOffice?: string): string {
  const r = new Rng(rand);
  const prefix = taxOffice ?? randomTaxOffice(r);
  checkTaxOffice(prefix);
  return completeInn(prefix + r.digits(6));
}

/** The INN check, from @polar/ru-ids (re-exported for the seed's own tests). */
export { isValidInn } from '@polar/ru-ids';

/** С ГГ КК ХХ ХХХХХ Ч: sign, registration year, region, tax office, serial, check digit. */
function generateOgrn(r: Rng, taxOffice: string, year: number): string {
  const sign = r.chance(0.8) ? '1' : '5';
  return completeOgrn(sign + pad2(year % 100) + taxOffice + r.digits(5));
}

/** 3 ГГ КК ХХХХХХХХХ Ч: OGRNIP of an individual entrepreneur. */
function generateOgrnip(r: Rng, taxOffice: string, year: number): string {
  return completeOgrn('3' + pad2(year % 100) + taxOffice.slice(0, 2) + r.digits(9));
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

type Gender = 'm' | 'f';

interface Person {
  gender: Gender;
  last: string;
  first: string;
  middle: string;
}

const MALE_FIRST_NAMES = [
  'Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Валерий', 'Василий', 'Виктор',
  'Виталий', 'Владимир', 'Владислав', 'Вячеслав', 'Геннадий', 'Георгий', 'Денис', 'Дмитрий', 'Евгений', 'Егор',
  'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Леонид', 'Максим', 'Михаил', 'Никита', 'Николай',
  'Олег', 'Павел', 'Пётр', 'Роман', 'Руслан', 'Сергей', 'Станислав', 'Степан', 'Тимур', 'Фёдор', 'Юрий', 'Ярослав',
];

const FEMALE_FIRST_NAMES = [
  'Анастасия', 'Анна', 'Алёна', 'Валентина', 'Вера', 'Галина', 'Дарья', 'Евгения', 'Екатерина', 'Елена',
  'Жанна', 'Ирина', 'Кристина', 'Ксения', 'Лариса', 'Любовь', 'Людмила', 'Марина', 'Мария', 'Надежда',
  'Наталья', 'Нина', 'Оксана', 'Ольга', 'Полина', 'Светлана', 'Софья', 'Татьяна', 'Юлия', 'Яна',
];

/** Father's name → [male patronymic, female patronymic]. */
const PATRONYMICS: ReadonlyArray<readonly [string, string]> = [
  ['Александрович', 'Александровна'], ['Алексеевич', 'Алексеевна'], ['Анатольевич', 'Анатольевна'],
  ['Андреевич', 'Андреевна'], ['Аркадьевич', 'Аркадьевна'], ['Борисович', 'Борисовна'],
  ['Валентинович', 'Валентиновна'], ['Валерьевич', 'Валерьевна'], ['Васильевич', 'Васильевна'],
  ['Викторович', 'Викторовна'], ['Владимирович', 'Владимировна'], ['Вячеславович', 'Вячеславовна'],
  ['Геннадьевич', 'Геннадьевна'], ['Георгиевич', 'Георгиевна'], ['Григорьевич', 'Григорьевна'],
  ['Дмитриевич', 'Дмитриевна'], ['Евгеньевич', 'Евгеньевна'], ['Ильич', 'Ильинична'],
  ['Иванович', 'Ивановна'], ['Игоревич', 'Игоревна'], ['Константинович', 'Константиновна'],
  ['Леонидович', 'Леонидовна'], ['Михайлович', 'Михайловна'], ['Николаевич', 'Николаевна'],
  ['Олегович', 'Олеговна'], ['Павлович', 'Павловна'], ['Петрович', 'Петровна'],
  ['Семёнович', 'Семёновна'], ['Сергеевич', 'Сергеевна'], ['Станиславович', 'Станиславовна'],
  ['Фёдорович', 'Фёдоровна'], ['Юрьевич', 'Юрьевна'],
];

/** Male surnames; the female form is derived by feminineSurname(). Staff surnames are left out. */
const SURNAMES = [
  'Абрамов', 'Агафонов', 'Аксёнов', 'Андреев', 'Антонов', 'Афанасьев', 'Баранов', 'Белоусов', 'Беляев', 'Бирюков',
  'Блинов', 'Богданов', 'Борисов', 'Быков', 'Виноградов', 'Власов', 'Воронин', 'Воробьёв', 'Гаврилов', 'Герасимов',
  'Голубев', 'Гончаров', 'Горбунов', 'Гордеев', 'Гришин', 'Громов', 'Гусев', 'Давыдов', 'Данилов', 'Демидов',
  'Денисов', 'Дорофеев', 'Ермаков', 'Ершов', 'Жуков', 'Журавлёв', 'Зуев', 'Ильин', 'Исаев', 'Калинин',
  'Карпов', 'Кириллов', 'Ковалёв', 'Колесников', 'Комаров', 'Коновалов', 'Кравцов', 'Крылов', 'Кудрявцев', 'Куликов',
  'Лазарев', 'Лаптев', 'Логинов', 'Лукин', 'Макаров', 'Максимов', 'Марков', 'Мартынов', 'Мельников', 'Миронов',
  'Муравьёв', 'Назаров', 'Никифоров', 'Носков', 'Овчинников', 'Осипов', 'Панов', 'Пестов', 'Петухов', 'Пономарёв',
  'Прохоров', 'Родионов', 'Рожков', 'Румянцев', 'Рыбаков', 'Савельев', 'Савин', 'Сафонов', 'Селезнёв', 'Сидоров',
  'Симонов', 'Сорокин', 'Суханов', 'Тарасов', 'Титов', 'Третьяков', 'Трофимов', 'Уваров', 'Ульянов', 'Устинов',
  'Фадеев', 'Филиппов', 'Фомин', 'Фролов', 'Харитонов', 'Хохлов', 'Цветков', 'Чернов', 'Шаров', 'Шестаков',
  'Шубин', 'Юдин', 'Яковлев', 'Якушев', 'Шевченко', 'Бондаренко', 'Клименко', 'Седых', 'Черных', 'Ковальский',
  'Покровский', 'Вишневский', 'Полевой', 'Заречный',
];

function feminineSurname(male: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return `${male}а`;
  if (/(ский|цкий)$/.test(male)) return `${male.slice(0, -2)}ая`;
  if (/(ой|ый)$/.test(male)) return `${male.slice(0, -2)}ая`;
  return male; // -ко, -ых, -их: indeclinable
}

function makePerson(r: Rng, gender: Gender = r.chance(0.5) ? 'm' : 'f'): Person {
  const surname = r.pick(SURNAMES);
  const [mp, fp] = r.pick(PATRONYMICS);
  return gender === 'm'
    ? { gender, last: surname, first: r.pick(MALE_FIRST_NAMES), middle: mp }
    : { gender, last: feminineSurname(surname), first: r.pick(FEMALE_FIRST_NAMES), middle: fp };
}

const fullName = (p: Person): string => `${p.last} ${p.first} ${p.middle}`;
const shortName = (p: Person): string => `${p.last} ${p.first[0]}. ${p.middle[0]}.`;

// ---------------------------------------------------------------------------
// Transliteration, e-mails, phones
// ---------------------------------------------------------------------------

const TRANSLIT: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function translit(text: string): string {
  return [...text.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
}

/** 'Продукты у дома' → 'produkty-u-doma'. */
function slugify(text: string): string {
  return translit(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const MAIL_DOMAINS = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru', 'ya.ru'];
const MOBILE_CODES = ['903', '905', '909', '910', '915', '916', '917', '925', '926', '929', '963', '965', '968', '977', '985', '999'];
/** Landline area codes of the Moscow-region cities farther from Moscow. */
const CITIES_496 = new Set(['Подольск', 'Коломна', 'Серпухов', 'Сергиев Посад', 'Ногинск', 'Раменское', 'Дмитров', 'Клин', 'Электросталь', 'Щёлково']);

/** Uniqueness registry shared by a whole generation run. */
class Registry {
  readonly names = new Set<string>();
  readonly normalizedNames = new Set<string>();
  readonly inns = new Set<string>();
  readonly ogrns = new Set<string>();
  readonly emails = new Set<string>();
  readonly domains = new Set<string>();
  readonly phones = new Set<string>();

  /** Reserves a name unless it (or its normalized form) is taken. */
  claimName(name: string): boolean {
    const normalized = normalizeForUniqueness(name);
    if (this.names.has(name) || this.normalizedNames.has(normalized)) return false;
    this.names.add(name);
    this.normalizedNames.add(normalized);
    return true;
  }
}

/** Mirrors the API's duplicate detection: case, ё, quotes, punctuation and legal forms do not count. */
function normalizeForUniqueness(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(^|\s)(ооо|ао|ип|тд|торговый дом)(?=\s|$)/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function formatPhone(code: string, number: string): string {
  return displayPhone(`+7${code}${number}`);
}

function makePhone(r: Rng, reg: Registry, kind: 'mobile' | 'landline', city: string): string {
  for (;;) {
    let code: string;
    if (kind === 'mobile') code = r.pick(MOBILE_CODES);
    else if (city === 'Москва') code = r.chance(0.7) ? '495' : '499';
    else code = CITIES_496.has(city) ? '496' : r.chance(0.8) ? '495' : '498';
    const phone = formatPhone(code, String(r.int(2, 9)) + r.digits(6));
    if (!reg.phones.has(phone)) {
      reg.phones.add(phone);
      return phone;
    }
  }
}

function claimEmail(reg: Registry, email: string): boolean {
  if (reg.emails.has(email)) return false;
  reg.emails.add(email);
  return true;
}

/** A personal mailbox: 'andrey.safonov@mail.ru', 'safonov.av@yandex.ru', 'safonov1984@bk.ru'… */
function personalEmail(r: Rng, reg: Registry, p: Person, birthYear: number | null): string {
  const last = slugify(p.last).replace(/-/g, '');
  const first = slugify(p.first).replace(/-/g, '');
  const initials = translit(p.first[0] + p.middle[0]).replace(/[^a-z]/g, '');
  for (let attempt = 0; ; attempt++) {
    const year = birthYear ?? r.int(1965, 1995);
    const local =
      attempt > 6
        ? `${last}.${first}${r.int(10, 999)}`
        : r.pick([`${first}.${last}`, `${last}.${initials}`, `${last}${year}`, `${first[0]}.${last}`, `${last}-${first}`, `${last}${year % 100}`]);
    const email = `${local}@${r.pick(MAIL_DOMAINS)}`;
    if (claimEmail(reg, email)) return email;
  }
}

function corporateDomain(r: Rng, reg: Registry, brand: string, city: string): string {
  let slug = slugify(brand);
  if (slug.length > 22) {
    // Long names are usually shortened to initials: 'Холодильные системы Подмосковья' → 'khsp'.
    slug = slug
      .split('-')
      .map((w) => (w.startsWith('kh') ? 'kh' : w.startsWith('sh') ? 'sh' : w[0]))
      .join('');
  }
  const candidates = [`${slug}.ru`, `${slug}.com`, `${slug}-${slugify(city)}.ru`, `${slug}-msk.ru`, `${slug}-opt.ru`];
  for (const domain of candidates) {
    if (!reg.domains.has(domain)) {
      reg.domains.add(domain);
      return domain;
    }
  }
  for (;;) {
    const domain = `${slug}${r.int(1, 99)}.ru`;
    if (!reg.domains.has(domain)) {
      reg.domains.add(domain);
      return domain;
    }
  }
}

// ---------------------------------------------------------------------------
// Names of companies
// ---------------------------------------------------------------------------

type NounGender = 'm' | 'f' | 'n' | 'pl';
type Adjective = Readonly<Record<NounGender, string>>;

/** Declines an adjective: 'y' Северный, 'k' Русский, 'sh' Свежий, 'n' Домашний, 'o' Золотой, 'ko' Морской. */
function adj(stem: string, type: 'y' | 'k' | 'sh' | 'n' | 'o' | 'ko'): Adjective {
  const endings: Record<typeof type, [string, string, string, string]> = {
    y: ['ый', 'ая', 'ое', 'ые'],
    k: ['ий', 'ая', 'ое', 'ие'],
    sh: ['ий', 'ая', 'ее', 'ие'],
    n: ['ий', 'яя', 'ее', 'ие'],
    o: ['ой', 'ая', 'ое', 'ые'],
    ko: ['ой', 'ая', 'ое', 'ие'],
  };
  const [m, f, n, pl] = endings[type];
  return { m: stem + m, f: stem + f, n: stem + n, pl: stem + pl };
}

type Noun = readonly [string, NounGender];

const GENERAL_ADJECTIVES: readonly Adjective[] = [
  adj('Северн', 'y'), adj('Южн', 'y'), adj('Восточн', 'y'), adj('Западн', 'y'), adj('Свеж', 'sh'), adj('Добр', 'y'),
  adj('Семейн', 'y'), adj('Русск', 'k'), adj('Подмосковн', 'y'), adj('Домашн', 'n'), adj('Золот', 'o'), adj('Зелён', 'y'),
  adj('Нов', 'y'), adj('Щедр', 'y'), adj('Вкусн', 'y'), adj('Славн', 'y'), adj('Городск', 'ko'), adj('Сельск', 'k'),
  adj('Солнечн', 'y'), adj('Речн', 'o'), adj('Лесн', 'o'), adj('Уютн', 'y'), adj('Соседск', 'k'), adj('Хорош', 'sh'),
  adj('Народн', 'y'), adj('Фермерск', 'k'), adj('Любим', 'y'), adj('Весёл', 'y'), adj('Столичн', 'y'), adj('Родн', 'o'),
];
const GROCERY_NOUNS: readonly Noun[] = [
  ['Двор', 'm'], ['Дом', 'm'], ['Уголок', 'm'], ['Гастроном', 'm'], ['Квартал', 'm'], ['Маркет', 'm'], ['Лавка', 'f'],
  ['Корзина', 'f'], ['Полка', 'f'], ['Продукты', 'pl'], ['Припасы', 'pl'], ['Гостинцы', 'pl'], ['Край', 'm'],
  ['Погребок', 'm'],
];
const BRANDS = [
  'Берёзка', 'Ромашка', 'Колосок', 'Айсберг', 'Снежинка', 'Радуга', 'Калинка', 'Рябинка', 'Лакомка', 'Околица',
  'Горница', 'Провиант', 'Пятачок', 'Теремок', 'Сударушка', 'Купава', 'Забава', 'Ивушка', 'Медуница', 'Кормилица',
];
const BRAND_SUFFIXES = ['', '-2', ' Плюс', '-Маркет', ' Экспресс', '-Центр'];

const MEAT_ADJECTIVES = [adj('Мясн', 'o'), adj('Фермерск', 'k'), adj('Деревенск', 'k'), adj('Домашн', 'n'), adj('Сельск', 'k'), adj('Свеж', 'sh')];
const MEAT_NOUNS: readonly Noun[] = [['Двор', 'm'], ['Дом', 'm'], ['Ряд', 'm'], ['Лавка', 'f'], ['Подворье', 'n'], ['Мясо', 'n']];
const FISH_ADJECTIVES = [
  adj('Северн', 'y'), adj('Балтийск', 'k'), adj('Морск', 'ko'), adj('Океанск', 'k'), adj('Камчатск', 'k'), adj('Мурманск', 'k'),
  adj('Беломорск', 'k'), adj('Дальневосточн', 'y'), adj('Свеж', 'sh'), adj('Азовск', 'k'), adj('Волжск', 'k'),
];
const FISH_NOUNS: readonly Noun[] = [['Улов', 'm'], ['Берег', 'm'], ['Причал', 'm'], ['Рыба', 'f'], ['Путина', 'f'], ['Гавань', 'f'], ['Бриз', 'm']];
const DAIRY_ADJECTIVES = [
  adj('Молочн', 'y'), adj('Фермерск', 'k'), adj('Деревенск', 'k'), adj('Лугов', 'o'), adj('Вологодск', 'k'), adj('Алтайск', 'k'),
  adj('Домашн', 'n'), adj('Сливочн', 'y'), adj('Бел', 'y'),
];
const DAIRY_NOUNS: readonly Noun[] = [['Край', 'm'], ['Двор', 'm'], ['Ферма', 'f'], ['Лавка', 'f'], ['Ручей', 'm'], ['Бидон', 'm'], ['Крынка', 'f'], ['Поле', 'n'], ['Подворье', 'n']];
const BAKERY_ADJECTIVES = [
  adj('Хлебн', 'y'), adj('Ржан', 'o'), adj('Пшеничн', 'y'), adj('Румян', 'y'), adj('Домашн', 'n'),
  adj('Свеж', 'sh'), adj('Сдобн', 'y'), adj('Золот', 'o'), adj('Русск', 'k'),
];
const BAKERY_NOUNS: readonly Noun[] = [['Дом', 'm'], ['Каравай', 'm'], ['Колос', 'm'], ['Пекарня', 'f'], ['Калач', 'm'], ['Крендель', 'm'], ['Мельница', 'f'], ['Печь', 'f']];
const CAFE_ADJECTIVES = [adj('Уютн', 'y'), adj('Стар', 'y'), adj('Добр', 'y'), adj('Русск', 'k'), adj('Тёпл', 'y'), adj('Городск', 'ko'), adj('Летн', 'n'), adj('Зелён', 'y'), adj('Весёл', 'y')];
const CAFE_NOUNS: readonly Noun[] = [['Дворик', 'm'], ['Очаг', 'm'], ['Трактир', 'm'], ['Кухня', 'f'], ['Трапеза', 'f'], ['Самовар', 'm'], ['Сад', 'm'], ['Чайхана', 'f'], ['Блинная', 'f'], ['Столовая', 'f']];
const MARKET_ADJECTIVES = [adj('Торгов', 'y'), adj('Фермерск', 'k'), adj('Центральн', 'y'), adj('Народн', 'y'), adj('Колхозн', 'y'), adj('Привокзальн', 'y'), adj('Южн', 'y'), adj('Северн', 'y')];
const MARKET_NOUNS: readonly Noun[] = [['Ряды', 'pl'], ['Ярмарка', 'f'], ['Базар', 'm'], ['Торг', 'm'], ['Ряд', 'm'], ['Площадь', 'f']];
const CHAIN_BRANDS = ['Полюс', 'Меридиан', 'Магистраль', 'Созвездие', 'Вектор', 'Горизонт', 'Альянс', 'Фортуна', 'Олимп', 'Сириус', 'Аврора', 'Гранд', 'Регион', 'Русич', 'Континент'];
const CHAIN_SUFFIXES = ['Ритейл', 'Маркет', 'Трейд', 'Групп', 'Продукт'];
const WHOLESALE_ROOTS = ['Продснаб', 'Оптпродукт', 'Продоптторг', 'Агроснаб', 'Фудсервис', 'Продсклад', 'Торгснаб', 'Холодсклад', 'Фрост-Логистик', 'Айс-Трейд', 'Мясоптторг', 'Рыбоптторг'];
const WHOLESALE_SUFFIXES = ['Центр', 'Восток', 'Юг', 'Запад', 'Север', 'Регион', 'Плюс', 'Групп', 'М'];
const PRODUCTION_PLANTS = ['хладокомбинат', 'мясокомбинат', 'комбинат полуфабрикатов', 'пищекомбинат', 'комбинат питания'];
const PRODUCTION_ADJECTIVES = [adj('Северн', 'y'), adj('Подмосковн', 'y'), adj('Южн', 'y'), adj('Столичн', 'y'), adj('Славн', 'y'), adj('Восточн', 'y'), adj('Западн', 'y'), adj('Нов', 'y')];
const BAKERY_PLANTS = ['хлебокомбинат', 'хлебозавод', 'кондитерский цех'];

/** Tautologies such as «Домашний дом» or «Хлебная пекарня» are skipped. */
const AWKWARD_NAMES = new Set(['домашний дом', 'хлебная пекарня', 'мясное мясо', 'рыбная рыба']);

function adjNoun(r: Rng, adjectives: readonly Adjective[], nouns: readonly Noun[]): string {
  for (;;) {
    const [noun, gender] = r.pick(nouns);
    const text = `${r.pick(adjectives)[gender]} ${noun.toLowerCase()}`;
    if (!AWKWARD_NAMES.has(text.toLowerCase())) return text;
  }
}

/** 'Гусев' → 'Гусева' (genitive of -ов/-ев/-ин surnames, e.g. 'Мясной дом Гусева'). */
function genitiveSurname(r: Rng): string {
  for (;;) {
    const s = r.pick(SURNAMES);
    if (/(ов|ев|ёв|ин)$/.test(s)) return `${s}а`;
  }
}

const capitalize = (s: string): string => s[0].toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------
// Profiles: what kind of business a client is
// ---------------------------------------------------------------------------

type Size = 'micro' | 'small' | 'medium' | 'large';
type PositionSet = 'shop' | 'chain' | 'market' | 'horeca' | 'production' | 'wholesale';

interface Profile {
  industryCode: string;
  activityCode: string;
  /** Relative frequency among legal entities. */
  weight: number;
  sizes: ReadonlyArray<readonly [Size, number]>;
  /** Share of ИП among legal entities of this profile. */
  ipShare: number;
  positions: PositionSet;
  /** The part of the name inside «…». */
  brand: (r: Rng, city: string) => string;
}

const groceryBrand = (r: Rng): string =>
  r.chance(0.7) ? capitalize(adjNoun(r, GENERAL_ADJECTIVES, GROCERY_NOUNS)) : `${r.pick(BRANDS)}${r.pick(BRAND_SUFFIXES)}`;

const PROFILES: Readonly<Record<string, Profile>> = {
  grocery: {
    industryCode: 'food_retail', activityCode: 'grocery_store', weight: 22, ipShare: 0.3, positions: 'shop',
    sizes: [['micro', 5], ['small', 4]], brand: groceryBrand,
  },
  retailPavilion: {
    industryCode: 'food_retail', activityCode: 'pavilion', weight: 7, ipShare: 0.6, positions: 'shop',
    sizes: [['micro', 1]], brand: (r) => `${r.pick(BRANDS)}${r.pick(BRAND_SUFFIXES)}`,
  },
  meat: {
    industryCode: 'food_retail', activityCode: 'meat_shop', weight: 6, ipShare: 0.4, positions: 'shop',
    sizes: [['micro', 3], ['small', 2]],
    brand: (r) =>
      r.chance(0.5)
        ? `${r.pick(['Мясной дом', 'Мясная лавка', 'Фермерский двор', 'Колбасный ряд', 'Мясной двор'])} ${genitiveSurname(r)}`
        : capitalize(adjNoun(r, MEAT_ADJECTIVES, MEAT_NOUNS)),
  },
  fish: {
    industryCode: 'food_retail', activityCode: 'fish_shop', weight: 4, ipShare: 0.4, positions: 'shop',
    sizes: [['micro', 3], ['small', 1]], brand: (r) => capitalize(adjNoun(r, FISH_ADJECTIVES, FISH_NOUNS)),
  },
  dairy: {
    industryCode: 'food_retail', activityCode: 'dairy_shop', weight: 4, ipShare: 0.4, positions: 'shop',
    sizes: [['micro', 3], ['small', 1]], brand: (r) => capitalize(adjNoun(r, DAIRY_ADJECTIVES, DAIRY_NOUNS)),
  },
  retailBakery: {
    industryCode: 'food_retail', activityCode: 'bakery', weight: 3, ipShare: 0.3, positions: 'shop',
    sizes: [['micro', 2], ['small', 1]], brand: (r) => capitalize(adjNoun(r, BAKERY_ADJECTIVES, BAKERY_NOUNS)),
  },
  chainSupermarket: {
    industryCode: 'food_chain', activityCode: 'supermarket', weight: 8, ipShare: 0, positions: 'chain',
    sizes: [['medium', 3], ['large', 2]],
    brand: (r) =>
      r.chance(0.5) ? `${r.pick(CHAIN_BRANDS)} ${r.pick(CHAIN_SUFFIXES)}` : capitalize(adjNoun(r, GENERAL_ADJECTIVES, [['Гастроном', 'm'], ['Маркет', 'm'], ['Квартал', 'm'], ['Продукты', 'pl']])),
  },
  chainGrocery: {
    industryCode: 'food_chain', activityCode: 'grocery_store', weight: 5, ipShare: 0, positions: 'chain',
    sizes: [['small', 1], ['medium', 3]],
    brand: (r) => (r.chance(0.5) ? `Торговый дом ${r.pick(GENERAL_ADJECTIVES).m}` : `${r.pick(BRANDS)} ${r.pick(CHAIN_SUFFIXES)}`),
  },
  marketStall: {
    industryCode: 'market', activityCode: 'market_stall', weight: 4, ipShare: 0.8, positions: 'market',
    sizes: [['micro', 1]], brand: (r) => capitalize(adjNoun(r, MARKET_ADJECTIVES, MARKET_NOUNS)),
  },
  marketPavilion: {
    industryCode: 'market', activityCode: 'pavilion', weight: 3, ipShare: 0.7, positions: 'market',
    sizes: [['micro', 1]], brand: (r) => (r.chance(0.5) ? capitalize(adjNoun(r, MARKET_ADJECTIVES, MARKET_NOUNS)) : `${r.pick(BRANDS)}${r.pick(BRAND_SUFFIXES)}`),
  },
  cafe: {
    industryCode: 'horeca', activityCode: 'cafe', weight: 7, ipShare: 0.3, positions: 'horeca',
    sizes: [['micro', 2], ['small', 3]], brand: (r) => capitalize(adjNoun(r, CAFE_ADJECTIVES, CAFE_NOUNS)),
  },
  horecaBakery: {
    industryCode: 'horeca', activityCode: 'bakery', weight: 3, ipShare: 0.2, positions: 'horeca',
    sizes: [['micro', 1], ['small', 2]], brand: (r) => capitalize(adjNoun(r, BAKERY_ADJECTIVES, BAKERY_NOUNS)),
  },
  productionBakery: {
    industryCode: 'food_production', activityCode: 'bakery', weight: 3, ipShare: 0, positions: 'production',
    sizes: [['medium', 1]], brand: (r) => (r.chance(0.3) ? `Хлебозавод № ${r.int(2, 31)}` : `${r.pick(PRODUCTION_ADJECTIVES).m} ${r.pick(BAKERY_PLANTS)}`),
  },
  productionPlant: {
    industryCode: 'food_production', activityCode: 'warehouse', weight: 3, ipShare: 0, positions: 'production',
    sizes: [['medium', 1]], brand: (r) => `${r.pick(PRODUCTION_ADJECTIVES).m} ${r.pick(PRODUCTION_PLANTS)}`,
  },
  wholesale: {
    industryCode: 'wholesale', activityCode: 'warehouse', weight: 6, ipShare: 0.05, positions: 'wholesale',
    sizes: [['small', 1], ['medium', 3]],
    brand: (r, city) =>
      r.chance(0.35)
        ? `Торговый дом ${r.pick(GENERAL_ADJECTIVES).m}`
        : `${r.pick(WHOLESALE_ROOTS)}-${city !== 'Москва' && r.chance(0.5) ? city.replace(/ /g, '-') : r.pick(WHOLESALE_SUFFIXES)}`,
  },
};

/** Private owners of pavilions and market stalls. */
const INDIVIDUAL_PROFILES: ReadonlyArray<readonly [Profile, number]> = [
  [PROFILES.marketStall, 45],
  [PROFILES.retailPavilion, 35],
  [PROFILES.marketPavilion, 20],
];

const LEGAL_PROFILE_WEIGHTS: ReadonlyArray<readonly [Profile, number]> = Object.values(PROFILES).map((p) => [p, p.weight] as const);

// ---------------------------------------------------------------------------
// Geography and addresses
// ---------------------------------------------------------------------------

const REGION_CITIES = Object.keys(REGION_TAX_OFFICES);

const MOSCOW_STREETS = [
  'ул. Профсоюзная', 'Ленинградское ш.', 'Варшавское ш.', 'пр-т Мира', 'Ленинский пр-т', 'ул. Большая Черкизовская',
  'Каширское ш.', 'ул. Миклухо-Маклая', 'ул. Вавилова', 'Волгоградский пр-т', 'ул. Люблинская', 'ул. Братиславская',
  'Дмитровское ш.', 'Алтуфьевское ш.', 'ул. Первомайская', 'Щёлковское ш.', 'ул. Сходненская', 'ул. Генерала Белова',
  'ул. Кировоградская', 'Рязанский пр-т', 'ул. Новокузнецкая', 'ул. Бутырская', 'Открытое ш.', 'Кутузовский пр-т',
  'ул. Академика Янгеля', 'ул. Островитянова', 'Мичуринский пр-т', 'ул. Туристская', 'ул. Паустовского', 'Зелёный пр-т',
  'ул. Верхняя Красносельская', 'ул. Бауманская', 'ул. Таганская', 'Нахимовский пр-т', 'ул. Дубнинская',
  'ул. Декабристов', 'Хорошёвское ш.', 'ул. Марьинский Парк', 'ул. Героев Панфиловцев', 'ул. Авиамоторная',
];
const MOSCOW_INDUSTRIAL_STREETS = ['Огородный пр.', 'ул. Угрешская', 'Походный пр.', 'ул. Подольских Курсантов', 'ул. Электродная', 'Очаковское ш.', 'ул. Складочная', 'Проектируемый пр. № 4062'];
const REGION_STREETS = [
  'ул. Ленина', 'ул. Советская', 'ул. Московская', 'пр-т Мира', 'ул. Гагарина', 'ул. Комсомольская', 'ул. Октябрьская',
  'ул. Первомайская', 'ул. Садовая', 'ул. Школьная', 'ул. Железнодорожная', 'ул. Пионерская', 'ул. Строителей',
  'ул. Центральная', 'Московское ш.', 'ул. Кирова', 'ул. Победы', 'ул. Молодёжная', 'ул. Юбилейная', 'ул. Чехова',
];
const REGION_INDUSTRIAL_STREETS = ['ул. Промышленная', 'ул. Заводская', 'ул. Индустриальная', 'ул. Складская', 'Северный промышленный проезд'];
const MOSCOW_MARKETS = [
  'рынок «Южный»', 'Даниловский рынок', 'Дорогомиловский рынок', 'Преображенский рынок', 'Рогожский рынок',
  'Велозаводский рынок', 'Москворецкий рынок', 'Ленинградский рынок', 'Бутырский рынок', 'Черёмушкинский рынок',
  'рынок «Северный»', 'рынок «Каширский двор»',
];
const REGION_MARKETS = ['Центральный рынок', 'рынок «Привокзальный»', 'Городской рынок', 'рынок «Фермерский»'];
const METRO_STATIONS = [
  'Текстильщики', 'Выхино', 'Кузьминки', 'Митино', 'Отрадное', 'Бибирево', 'Марьино', 'Братиславская', 'Щёлковская',
  'Первомайская', 'Новогиреево', 'Тёплый Стан', 'Ясенево', 'Беляево', 'Речной вокзал', 'Сходненская', 'Планерная',
  'Каширская', 'Домодедовская', 'Алтуфьево',
];
const MOSCOW_DISTRICTS = [
  'Марьино', 'Бутово', 'Митино', 'Выхино', 'Люблино', 'Отрадное', 'Бибирево', 'Строгино', 'Тёплый Стан', 'Ясенево',
  'Кузьминки', 'Гольяново', 'Новогиреево', 'Измайлово', 'Медведково', 'Чертаново',
];

function house(r: Rng): string {
  const n = r.int(1, 180);
  return r.chance(0.1) ? `${n}${r.pick(['А', 'Б', 'В'])}` : String(n);
}

function makeAddress(r: Rng, profile: Profile, city: string): string {
  const moscow = city === 'Москва';
  const street = r.pick(moscow ? MOSCOW_STREETS : REGION_STREETS);
  switch (profile.activityCode) {
    case 'market_stall': {
      const market = r.pick(moscow ? MOSCOW_MARKETS : REGION_MARKETS);
      return r.chance(0.6) ? `${market}, пав. ${r.int(1, 60)}` : `${market}, торговое место ${r.int(1, 240)}`;
    }
    case 'pavilion':
      if (moscow && r.chance(0.5)) return `у ст. м. «${r.pick(METRO_STATIONS)}», пав. ${r.int(1, 30)}`;
      return r.chance(0.5) ? `${street}, вл. ${house(r)}, пав. ${r.int(1, 20)}` : `${r.pick(moscow ? MOSCOW_MARKETS : REGION_MARKETS)}, пав. ${r.int(1, 60)}`;
    case 'warehouse':
      return `${r.pick(moscow ? MOSCOW_INDUSTRIAL_STREETS : REGION_INDUSTRIAL_STREETS)}, д. ${house(r)}, стр. ${r.int(1, 12)}`;
    default: {
      const extra = r.chance(0.25) ? `, стр. ${r.int(1, 5)}` : r.chance(0.15) ? `, корп. ${r.int(1, 4)}` : '';
      return `${street}, д. ${house(r)}${extra}`;
    }
  }
}

// ---------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------

type BenefitGroup = 'owner' | 'tech' | 'finance' | 'supply' | 'staff';
type Position = readonly [title: string, influence: ContactInfluence, group: BenefitGroup];

const POSITIONS: Readonly<Record<PositionSet, { primary: readonly Position[]; others: readonly Position[] }>> = {
  shop: {
    primary: [['Владелец', 'decision_maker', 'owner'], ['Директор магазина', 'decision_maker', 'owner'], ['Директор магазина', 'high', 'staff']],
    others: [['Заведующий складом', 'medium', 'supply'], ['Главный бухгалтер', 'medium', 'finance'], ['Администратор магазина', 'low', 'staff'], ['Закупщик', 'medium', 'supply'], ['Старший продавец', 'low', 'staff']],
  },
  chain: {
    primary: [['Генеральный директор', 'decision_maker', 'owner'], ['Коммерческий директор', 'decision_maker', 'owner'], ['Директор по развитию', 'high', 'owner']],
    others: [['Главный инженер', 'high', 'tech'], ['Руководитель отдела закупок', 'high', 'supply'], ['Менеджер по закупкам', 'medium', 'supply'], ['Главный бухгалтер', 'medium', 'finance'], ['Технический специалист', 'low', 'tech'], ['Директор магазина', 'medium', 'staff']],
  },
  market: {
    primary: [['Владелец', 'decision_maker', 'owner'], ['Директор', 'decision_maker', 'owner']],
    others: [['Продавец', 'low', 'staff'], ['Администратор рынка', 'medium', 'staff'], ['Бухгалтер', 'low', 'finance']],
  },
  horeca: {
    primary: [['Владелец', 'decision_maker', 'owner'], ['Управляющий', 'high', 'staff']],
    others: [['Шеф-повар', 'high', 'staff'], ['Администратор', 'low', 'staff'], ['Бухгалтер', 'low', 'finance'], ['Закупщик', 'medium', 'supply']],
  },
  production: {
    primary: [['Генеральный директор', 'decision_maker', 'owner'], ['Директор', 'decision_maker', 'owner']],
    others: [['Главный инженер', 'high', 'tech'], ['Главный механик', 'medium', 'tech'], ['Начальник производства', 'high', 'staff'], ['Закупщик', 'medium', 'supply'], ['Главный энергетик', 'medium', 'tech'], ['Главный бухгалтер', 'medium', 'finance']],
  },
  wholesale: {
    primary: [['Генеральный директор', 'decision_maker', 'owner'], ['Коммерческий директор', 'high', 'owner']],
    others: [['Начальник склада', 'high', 'supply'], ['Заведующий складом', 'medium', 'supply'], ['Закупщик', 'medium', 'supply'], ['Главный энергетик', 'medium', 'tech'], ['Главный бухгалтер', 'medium', 'finance'], ['Логист', 'low', 'supply']],
  },
};

const INDIVIDUAL_HELPERS: readonly Position[] = [['Продавец', 'low', 'staff'], ['Старший продавец', 'low', 'staff'], ['Помощник владельца', 'medium', 'staff']];

const BENEFITS: Readonly<Record<BenefitGroup, readonly string[]>> = {
  owner: [
    'Снижение расходов на электроэнергию — рост прибыли магазина',
    'Надёжное оборудование без простоев — меньше списаний продукции',
    'Современный торговый зал — рост среднего чека',
    'Рассрочка платежа без нагрузки на оборотные средства',
    'Один подрядчик «под ключ» — меньше личного времени на стройку и сервис',
  ],
  tech: [
    'Меньше аварийных вызовов и ночных выездов',
    'Единый подрядчик по сервису — проще планировать ТО',
    'Удалённый мониторинг температуры — спокойные выходные',
    'Обучение персонала от поставщика — рост квалификации',
  ],
  finance: [
    'Прозрачные закрывающие документы и понятный график платежей',
    'Лизинг — оптимизация налоговой нагрузки',
    'Фиксированная цена сервисного договора на год — проще бюджетирование',
  ],
  supply: [
    'Премия за экономию бюджета закупки',
    'Быстрая поставка запчастей — выполнение KPI по срокам',
    'Меньше списаний товара — выполнение плана по потерям',
    'Снижение расходов на электроэнергию — премия по итогам года',
  ],
  staff: [
    'Премия за снижение списаний и выполнение плана продаж',
    'Удобная выкладка товара — меньше жалоб покупателей',
    'Тихие агрегаты — комфортная работа в зале',
    'Снижение расходов на электроэнергию — премия по итогам года',
  ],
};

const CHARACTERS = [
  'Пунктуальный, любит цифры и гарантии',
  'Осторожен в решениях, долго сравнивает предложения',
  'Эмоциональный, ценит личное общение',
  'Требовательный, обращает внимание на мелочи',
  'Доброжелательный, открыт к новым решениям',
  'Прагматик, интересует только окупаемость',
  'Консервативен, доверяет проверенным брендам',
  'Любит торговаться, всегда ждёт скидку',
  'Очень занят, предпочитает короткие встречи и письма',
  'Технически подкован, задаёт много вопросов по агрегатам и хладагентам',
  'Лоялен к компании, рекомендует нас знакомым',
  'Решения принимает быстро, но требует чётких сроков',
];

const HOBBIES = [
  'Рыбалка, хоккей', 'Охота', 'Дача, садоводство', 'Футбол, болеет за «Спартак»', 'Теннис', 'Йога, путешествия',
  'Горные лыжи', 'Историческая литература', 'Автомобили', 'Кулинария', 'Баня, рыбалка', 'Бег, марафоны', 'Шахматы',
  'Театр', 'Вышивка', 'Собаки, держит лабрадора', 'Фотография', 'Велоспорт', 'Гитара, рок-музыка', 'Хоккей, болеет за ЦСКА',
];

function genderedTitle(title: string, gender: Gender): string {
  if (gender === 'm') return title;
  return title.replace(/^Заведующий/, 'Заведующая').replace(/^Управляющий/, 'Управляющая');
}

interface ContactOptions {
  position: Position;
  isPrimary: boolean;
  /** Fill the personal fields (benefits, character, hobbies) more often: key clients are studied closely. */
  detailed: boolean;
  domain: string | null;
  city: string;
  person?: Person;
  birthday?: string | null;
}

function makeContact(r: Rng, reg: Registry, o: ContactOptions): DemoContact {
  const person = o.person ?? makePerson(r);
  const [title, influence, group] = o.position;
  const fill = o.detailed ? 0.9 : 0.45;
  const birthday = o.birthday !== undefined ? o.birthday : r.chance(o.detailed ? 0.9 : 0.6) ? randomDate(r, 1960, 1998) : null;

  const phones = [makePhone(r, reg, 'mobile', o.city)];
  if (r.chance(0.2)) phones.push(makePhone(r, reg, 'landline', o.city));

  const emails: string[] = [];
  if (o.domain && r.chance(0.75)) {
    const first = translit(person.first[0]);
    const last = slugify(person.last).replace(/-/g, '');
    for (const local of [`${first}.${last}`, `${last}`, `${last}.${translit(person.first[0] + person.middle[0])}`]) {
      if (claimEmail(reg, `${local}@${o.domain}`)) {
        emails.push(`${local}@${o.domain}`);
        break;
      }
    }
  }
  if (emails.length === 0 ? r.chance(0.5) : r.chance(0.15)) {
    emails.push(personalEmail(r, reg, person, birthday ? Number(birthday.slice(0, 4)) : null));
  }

  return {
    fullName: fullName(person),
    position: genderedTitle(title, person.gender),
    phones,
    emails,
    birthday,
    influence,
    personalBenefits: r.chance(fill) ? r.pick(BENEFITS[group]) : null,
    character: r.chance(fill) ? r.pick(CHARACTERS) : null,
    hobbies: r.chance(fill * 0.8) ? r.pick(HOBBIES) : null,
    isPrimary: o.isPrimary,
  };
}

// ---------------------------------------------------------------------------
// Dossiers of key clients
// ---------------------------------------------------------------------------

const INDUSTRY_TRENDS: Readonly<Record<string, readonly string[]>> = {
  food_retail: [
    'Рост формата «магазин у дома» и доли готовой еды; покупатели ждут больше охлаждённой продукции рядом с домом',
    'Давление федеральных сетей и дискаунтеров; малые магазины выигрывают ассортиментом свежих и фермерских продуктов',
    'Ужесточение контроля Роспотребнадзора за температурным режимом и маркировка «Честный знак» для молочной продукции',
    'Рост тарифов на электроэнергию: холодильное оборудование — до половины энергопотребления магазина',
  ],
  food_chain: [
    'Консолидация розницы: небольшие сети укрупняются или уходят под федеральных игроков',
    'Переход сетей на витрины с выносным холодом и централизованные холодильные станции',
    'Рост доли собственной кулинарии и готовой еды в выручке супермаркетов',
    'Экономия энергии и переход на природные хладагенты (CO₂, пропан)',
  ],
  market: [
    'Реконструкция городских рынков и перевод торговли в капитальные павильоны',
    'Рост спроса на фермерские продукты и торговлю «с прилавка»',
    'Ужесточение санитарных требований к хранению мяса и рыбы на рынках',
    'Сильная сезонность: летний пик продаж напитков, мороженого и ягод',
  ],
  horeca: [
    'Рост доставки и формата «кафе у дома»; кухни работают на заготовках, нужен шоковый холод',
    'Дефицит персонала: ценятся надёжное оборудование и сервис без простоев',
    'Рост цен на продукты: владельцы считают списания и энергопотребление',
  ],
  food_production: [
    'Импортозамещение оборудования, рост спроса на российские и азиатские холодильные агрегаты',
    'Рост спроса сетей на охлаждённые полуфабрикаты с коротким сроком годности',
    'Требования ХАССП к холодовой цепи на всех этапах производства',
  ],
  wholesale: [
    'Рост объёма охлаждённой и замороженной продукции в обороте дистрибьюторов',
    'Дефицит складов с температурным режимом в Подмосковье, рост ставок аренды',
    'Сети и маркетплейсы требуют подтверждённой холодовой цепи с записью температуры',
  ],
};

const KEY_SUCCESS_FACTORS: Readonly<Record<string, readonly string[]>> = {
  food_retail: [
    'Свежесть продукции и бесперебойная работа холодильного оборудования; удобное расположение',
    'Широкий ассортимент охлаждённой продукции и низкие списания',
    'Работа без выходных и быстрая реакция на поломки холода',
  ],
  food_chain: [
    'Единые стандарты торгового зала во всех магазинах и контроль температуры',
    'Скорость открытия новых магазинов и типовые проекты оборудования',
    'Низкая себестоимость: энергоэффективный холод и минимальные списания',
  ],
  market: [
    'Место с высоким трафиком и свежий товар каждый день',
    'Лояльные постоянные покупатели и выкладка «как на ферме»',
    'Надёжные витрины: одна поломка в жару — потеря недельной выручки',
  ],
  horeca: [
    'Стабильное качество блюд и скорость отдачи',
    'Контроль себестоимости и заготовок, безопасное хранение продуктов',
    'Атмосфера и сервис; кухня не должна простаивать',
  ],
  food_production: [
    'Выполнение контрактов с сетями день в день и соблюдение холодовой цепи',
    'Стабильное качество и сертификация по ХАССП',
    'Производственные мощности с резервом холода',
  ],
  wholesale: [
    'Ёмкость и надёжность холодильных складов, резервирование агрегатов',
    'Логистика «последней мили» с соблюдением температурного режима',
    'Широкая матрица поставщиков и отсрочка платежа для клиентов',
  ],
};

const COMPETITORS: Readonly<Record<string, readonly string[]>> = {
  grocery_store: ['Пятёрочка', 'Магнит', 'Дикси', 'ВкусВилл', 'Перекрёсток', 'Верный', 'Светофор', 'Чижик', 'Красное&Белое'],
  supermarket: ['Пятёрочка', 'Перекрёсток', 'Магнит', 'Лента', 'Ашан', 'ВкусВилл', 'Азбука вкуса', 'Spar', 'Дикси'],
  pavilion: ['Соседние павильоны', 'Пятёрочка', 'ВкусВилл', 'Фермерские ярмарки выходного дня', 'Магнит у дома'],
  market_stall: ['Соседние торговые места', 'Фермерские ярмарки выходного дня', 'ВкусВилл', 'Доставка Самокат'],
  meat_shop: ['Мясницкий ряд', 'Великолукский мясокомбинат', 'Черкизово', 'Мясные павильоны рынка', 'ВкусВилл'],
  fish_shop: ['ВкусВилл', 'Перекрёсток', 'Рыбные ряды соседнего рынка', 'Доставка Самокат'],
  dairy_shop: ['ВкусВилл', 'Братья Чебурашкины', 'Фермерские лавки', 'Пятёрочка'],
  bakery: ['Хлеб Насущный', 'Волконский', 'Братья Караваевы', 'Цех85', 'Пекарни при супермаркетах'],
  cafe: ['Теремок', 'Шоколадница', 'Вкусно — и точка', 'Додо Пицца', 'Кофемания', 'Местные кафе'],
  warehouse: ['METRO', 'Фудлайн', 'Сладкая жизнь', 'Черкизово', 'Мираторг', 'Региональные дистрибьюторы'],
};

type GoalGroup = 'retail' | 'stall' | 'horeca' | 'production' | 'wholesale';
type GoalKey = keyof DemoDossier['goals'];

/** Goal texts by business type; '{n}' becomes a percentage. */
const GOALS: Readonly<Record<GoalGroup, Readonly<Record<GoalKey, readonly string[]>>>> = {
  retail: {
    marketShare: ['Увеличить долю в районе до {n}% к концу 2027 года', 'Войти в тройку лидеров продуктовой розницы района', 'Удержать долю при открытии дискаунтера по соседству'],
    newCustomers: ['Привлечь 15% новых покупателей за счёт зоны охлаждённой продукции', 'Запустить программу лояльности и доставку', 'Привлечь жителей новых жилых комплексов рядом'],
    assortment: ['Расширение ассортимента замороженных полуфабрикатов и мороженого', 'Ввести охлаждённую рыбу и морепродукты', 'Увеличить долю фермерской молочной продукции', 'Добавить зону готовой еды'],
    costCut: ['Снижение расходов на электроэнергию на 20% за счёт замены старых витрин', 'Сократить списания охлаждённой продукции вдвое', 'Перейти с аварийных ремонтов на плановое ТО'],
    newProducts: ['Запуск собственной кулинарии', 'Собственная пекарня в торговом зале', 'Зона кофе и готовых завтраков'],
    newBranches: ['Открытие трёх магазинов в Новой Москве до конца 2027 года', 'Второй магазин в соседнем районе в 2027 году', 'Открытие 5–7 магазинов в Подмосковье в 2027 году'],
  },
  stall: {
    marketShare: ['Стать главным продавцом своей категории на рынке', 'Увеличить долю продаж на рынке до {n}%'],
    newCustomers: ['Привлечь покупателей из соседних жилых комплексов', 'Принимать заказы через мессенджеры с доставкой'],
    assortment: ['Мороженое и охлаждённые напитки в летний сезон', 'Расширение ассортимента охлаждённого мяса и птицы', 'Добавить сыры и фермерскую молочную продукцию'],
    costCut: ['Снизить списания в жару за счёт новых витрин', 'Снизить расходы на электроэнергию: аренда с оплатой по счётчику'],
    newProducts: ['Собственные полуфабрикаты', 'Копчёности собственного производства'],
    newBranches: ['Открытие двух новых павильонов в 2027 году', 'Ещё одна точка на соседнем рынке'],
  },
  horeca: {
    marketShare: ['Стать самым популярным кафе района', 'Увеличить долю доставки в выручке до {n}%'],
    newCustomers: ['Бизнес-ланчи для офисов по соседству', 'Запуск доставки через агрегаторы'],
    assortment: ['Расширение меню десертов', 'Замороженные полуфабрикаты собственного производства на вынос'],
    costCut: ['Снизить списания заготовок за счёт шоковой заморозки', 'Сократить расходы на электроэнергию кухни на 15%'],
    newProducts: ['Линейка десертов и тортов', 'Собственная выпечка'],
    newBranches: ['Вторая точка в 2027 году', 'Открытие кафе в новом торговом центре'],
  },
  production: {
    marketShare: ['Увеличить долю поставок в сети до {n}%', 'Войти в пятёрку поставщиков своей категории в Подмосковье'],
    newCustomers: ['Выйти на поставки в две федеральные сети', 'Поставки в школьное и больничное питание по 44-ФЗ'],
    assortment: ['Линейка охлаждённых полуфабрикатов', 'Замороженная выпечка для сетей'],
    costCut: ['Снижение расходов на электроэнергию на 20% за счёт замены агрегатов', 'Перейти с аварийных ремонтов на плановое ТО'],
    newProducts: ['Собственная торговая марка полуфабрикатов', 'Линейка готовых блюд'],
    newBranches: ['Новый цех заморозки в 2027 году', 'Второй производственный цех в Подмосковье'],
  },
  wholesale: {
    marketShare: ['Увеличить долю оптовых поставок охлаждённой продукции до {n}%', 'Стать основным поставщиком магазинов у дома в своём районе'],
    newCustomers: ['Привлечь 50 новых магазинов-клиентов', 'Выйти на поставки в общепит'],
    assortment: ['Расширение ассортимента замороженной продукции', 'Охлаждённая рыба и морепродукты'],
    costCut: ['Снижение расходов на электроэнергию склада на 20%', 'Сократить потери товара при авариях холода'],
    newProducts: ['Собственная торговая марка замороженной продукции', 'Ответственное хранение при −18 °C для сторонних клиентов'],
    newBranches: ['Второй холодильный склад в Подмосковье', 'Кросс-докинг в Новой Москве в 2027 году'],
  },
};

function goalGroup(c: { industryCode: string; activityCode: string }): GoalGroup {
  if (c.industryCode === 'horeca') return 'horeca';
  if (c.industryCode === 'food_production') return 'production';
  if (c.industryCode === 'wholesale') return 'wholesale';
  if (c.industryCode === 'market' || c.activityCode === 'pavilion' || c.activityCode === 'market_stall') return 'stall';
  return 'retail';
}

const PURCHASE_BEHAVIOUR = [
  'Закупает оборудование перед летним сезоном (март–апрель); решение принимает владелец после сравнения 2–3 предложений',
  'Работает через тендеры; решающие факторы — цена и сроки поставки',
  'Покупает комплектом «витрины + монтаж + сервис», важна рассрочка на 6–12 месяцев',
  'Закупки централизованы: заявки собирает отдел закупок, согласует финансовый директор',
  'Предпочитает лизинг; оборудование меняет при открытии новых точек',
  'Покупает по необходимости — после аварий; ценит срочный выезд инженера',
  'Ежегодно закладывает бюджет на модернизацию, закупает в IV квартале',
];

const NEEDS_COMMON = ['Сервисный договор на плановое ТО', 'Удалённый мониторинг температуры', 'Замена агрегатов на инверторные'];
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  grocery_store: ['Переход на витрины с выносным холодом', 'Холодильные горки для молочной продукции', 'Морозильные бонеты для заморозки', 'Холодильная камера для склада'],
  supermarket: ['Переход на витрины с выносным холодом', 'Централизованная холодильная станция', 'Морозильные бонеты для заморозки', 'Рекуперация тепла конденсаторов'],
  pavilion: ['Компактные витрины со встроенным агрегатом', 'Морозильный ларь для мороженого к летнему сезону', 'Холодильный шкаф для напитков'],
  market_stall: ['Компактные витрины со встроенным агрегатом', 'Морозильный ларь к летнему сезону', 'Холодильный шкаф для напитков'],
  meat_shop: ['Витрины для мяса с принудительным охлаждением', 'Камера для хранения туш', 'Шкаф для созревания мяса (dry-age)'],
  fish_shop: ['Витрины со льдом для охлаждённой рыбы', 'Льдогенератор чешуйчатого льда', 'Низкотемпературная камера −25 °C'],
  dairy_shop: ['Холодильные горки для молочной продукции', 'Камера +2…+4 °C для сыров'],
  bakery: ['Кондитерские витрины', 'Шкаф шоковой заморозки для полуфабрикатов', 'Камера расстойки с охлаждением'],
  cafe: ['Холодильные столы для кухни', 'Шкаф шоковой заморозки', 'Барные холодильники'],
  warehouse: ['Сборная холодильная камера 60 м³', 'Низкотемпературный склад −18 °C', 'Резервирование агрегатов для круглосуточной работы', 'Воздухоохладители с электрооттайкой'],
};

function marketShareText(r: Rng, c: { industryCode: string; city: string }): string {
  const where = c.city === 'Москва' ? `района ${r.pick(MOSCOW_DISTRICTS)}` : `г. ${c.city}`;
  switch (c.industryCode) {
    case 'food_chain':
      return `Около 0,${r.int(1, 9)}% продуктовой розницы Москвы и области`;
    case 'wholesale':
      return `Около ${r.int(1, 5)}% оптовых поставок охлаждённой продукции в Подмосковье`;
    case 'food_production':
      return `Около ${r.int(2, 12)}% поставок своей категории в сети Москвы и области`;
    case 'market':
      return `Около ${r.int(5, 25)}% продаж своей категории на рынке ${where}`;
    default:
      return `Около ${r.int(2, 15)}% продуктовой розницы ${where}`;
  }
}

function makeDossier(r: Rng, c: { industryCode: string; activityCode: string; city: string }): DemoDossier {
  const goals = GOALS[goalGroup(c)];
  const maybe = (key: GoalKey): string | null => (r.chance(0.75) ? r.pick(goals[key]).replace('{n}', String(r.int(5, 30))) : null);
  const needs = [...r.some(NEEDS[c.activityCode] ?? NEEDS_COMMON, r.int(1, 2)), ...r.some(NEEDS_COMMON, 1)];
  return {
    industryTrends: r.pick(INDUSTRY_TRENDS[c.industryCode]),
    keySuccessFactors: r.pick(KEY_SUCCESS_FACTORS[c.industryCode]),
    marketShare: marketShareText(r, c),
    competitors: r.some(COMPETITORS[c.activityCode], r.int(2, 4)),
    goals: {
      marketShare: maybe('marketShare'),
      newCustomers: maybe('newCustomers'),
      assortment: maybe('assortment'),
      costCut: maybe('costCut'),
      newProducts: maybe('newProducts'),
      newBranches: maybe('newBranches'),
    },
    purchaseBehaviour: r.pick(PURCHASE_BEHAVIOUR),
    potentialNeeds: needs.join('; '),
  };
}

// ---------------------------------------------------------------------------
// Plan: who manages whom, in which status
// ---------------------------------------------------------------------------

const STATUS_WEIGHTS: ReadonlyArray<readonly [ClientStatus, number]> = [
  ['cold', 12], ['thinking', 18], ['ready', 11], ['active', 26], ['regular', 23], ['lost', 10],
];

/** Days since the client appeared in the CRM (the company is 8 years old). */
const CREATED_DAYS: Readonly<Record<ClientStatus, readonly [number, number]>> = {
  cold: [0, 420], thinking: [5, 900], ready: [20, 1300], active: [60, 2900], regular: [365, 2900], lost: [150, 2900],
};

const CHANNEL_WEIGHTS: Readonly<Record<ClientStatus, ReadonlyArray<readonly [string, number]>>> = {
  cold: [['cold_call', 45], ['website', 20], ['advertising', 20], ['exhibition', 15]],
  thinking: [['website', 25], ['cold_call', 20], ['recommendation', 20], ['exhibition', 15], ['advertising', 15], ['tender', 5]],
  ready: [['recommendation', 25], ['website', 20], ['exhibition', 20], ['cold_call', 15], ['advertising', 10], ['tender', 10]],
  active: [['recommendation', 25], ['website', 15], ['repeat', 15], ['exhibition', 15], ['cold_call', 10], ['advertising', 10], ['tender', 10]],
  regular: [['repeat', 40], ['recommendation', 30], ['exhibition', 10], ['website', 10], ['tender', 10]],
  lost: [['cold_call', 25], ['website', 20], ['advertising', 20], ['recommendation', 15], ['exhibition', 10], ['tender', 10]],
};

interface Slot {
  managerIndex: number;
  status: ClientStatus;
}

/** Client counts per manager: near-equal with a deterministic ±4 spread, every manager ≥ 6 when possible. */
function managerCounts(r: Rng, count: number): number[] {
  const base = Math.floor(count / DEMO_MANAGER_COUNT);
  const counts = Array.from({ length: DEMO_MANAGER_COUNT }, (_, i) => base + (i < count % DEMO_MANAGER_COUNT ? 1 : 0));
  const floor = Math.max(Math.min(6, base), base - 4);
  const ceil = base + 4;
  for (let i = 0; i < DEMO_MANAGER_COUNT * 2; i++) {
    const from = r.int(0, DEMO_MANAGER_COUNT - 1);
    const to = r.int(0, DEMO_MANAGER_COUNT - 1);
    const amount = r.int(1, 2);
    if (from !== to && counts[from] - amount >= floor && counts[to] + amount <= ceil) {
      counts[from] -= amount;
      counts[to] += amount;
    }
  }
  return counts;
}

function buildPlan(r: Rng, count: number): Slot[] {
  const slots: Slot[] = [];
  managerCounts(r, count).forEach((n, i) => {
    // Every status at least once per manager (when the manager has six clients), the rest weighted.
    const statuses: ClientStatus[] = n >= DEMO_CLIENT_STATUSES.length ? [...DEMO_CLIENT_STATUSES] : [];
    while (statuses.length < n) statuses.push(r.weighted(STATUS_WEIGHTS));
    for (const status of statuses) slots.push({ managerIndex: i + 1, status });
  });
  return r.shuffle(slots);
}

// ---------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------

interface FixedClient {
  brand: string;
  legalForm: 'ООО' | 'АО';
  profile: Profile;
  city: string;
  status: ClientStatus;
  size: Size;
  key: boolean;
}

/** Fixed entries at the start of the list: search tests and demos rely on them. */
const FIXED_CLIENTS: readonly FixedClient[] = [
  { brand: 'Холодильные системы Подмосковья', legalForm: 'ООО', profile: PROFILES.wholesale, city: 'Подольск', status: 'regular', size: 'medium', key: true },
  { brand: 'Продукты у дома', legalForm: 'ООО', profile: PROFILES.grocery, city: 'Москва', status: 'active', size: 'small', key: false },
];

const HEADCOUNT: Readonly<Record<Size, readonly [number, number]>> = {
  micro: [3, 14], small: [12, 60], medium: [60, 300], large: [300, 1200],
};

/** Annual revenue per employee, RUB thousands. */
const REVENUE_PER_HEAD: Readonly<Record<string, readonly [number, number]>> = {
  food_retail: [3500, 8000], food_chain: [4500, 9000], market: [2500, 6000], horeca: [1800, 4000],
  food_production: [3500, 8000], wholesale: [8000, 20000],
};

/** RUB thousands → '48500000.00'. Built from integers: never a float. */
const rubles = (thousands: number): string => `${Math.round(thousands)}000.00`;

interface Draft {
  client: DemoClient;
  profile: Profile;
  legalForm: 'ООО' | 'АО' | 'ИП' | null;
  size: Size | null;
  person: Person | null;
  domain: string | null;
  revenueThousands: number;
}

function pickCity(r: Rng): string {
  return r.chance(0.6) ? 'Москва' : r.pick(REGION_CITIES);
}

function companyName(r: Rng, reg: Registry, profile: Profile, legalForm: 'ООО' | 'АО', city: string): { name: string; brand: string } {
  for (let attempt = 0; ; attempt++) {
    let brand = profile.brand(r, city);
    if (attempt > 50) brand = `${brand} ${r.int(2, 99)}`;
    const name = `${legalForm} «${brand}»`;
    if (reg.claimName(name)) return { name, brand };
  }
}

function makeDraft(r: Rng, reg: Registry, index: number, slot: Slot, individual: boolean, fixed: FixedClient | undefined): Draft {
  const profile = fixed?.profile ?? (individual ? r.weighted(INDIVIDUAL_PROFILES) : r.weighted(LEGAL_PROFILE_WEIGHTS));
  const city = fixed?.city ?? pickCity(r);
  const region = city === 'Москва' ? 'Москва' : 'Московская область';
  const status = slot.status;
  const createdDaysAgo = r.int(...CREATED_DAYS[status]);
  const createdYear = 2026 - Math.floor(createdDaysAgo / 365);

  let legalForm: Draft['legalForm'] = null;
  let size: Size | null = null;
  let person: Person | null = null;
  let name: string;
  let brand: string | null = null;
  let inn: string | null = null;
  let kpp: string | null = null;
  let ogrn: string | null = null;
  let birthday: string | null = null;
  const taxOffice = taxOfficeFor(r, city);

  const uniqueInn = (make: () => string): string => {
    for (;;) {
      const v = make();
      if (!reg.inns.has(v)) {
        reg.inns.add(v);
        return v;
      }
    }
  };
  const uniqueOgrn = (make: () => string): string => {
    for (;;) {
      const v = make();
      if (!reg.ogrns.has(v)) {
        reg.ogrns.add(v);
        return v;
      }
    }
  };
  const registrationYear = (): number => r.int(2003, Math.max(2004, Math.min(2025, createdYear)));

  if (individual) {
    do person = makePerson(r);
    while (!reg.claimName(fullName(person)));
    name = fullName(person);
    birthday = randomDate(r, 1960, 1998);
    if (r.chance(0.3)) inn = uniqueInn(() => generateInn12(r.next, taxOffice));
  } else {
    size = fixed?.size ?? r.weighted(profile.sizes);
    legalForm = fixed?.legalForm ?? (r.chance(profile.ipShare) ? 'ИП' : r.chance(size === 'medium' || size === 'large' ? 0.3 : 0.03) ? 'АО' : 'ООО');
    if (legalForm === 'ИП') {
      // An entrepreneur runs a small business: cap the size.
      size = 'micro';
      do person = makePerson(r);
      while (!reg.claimName(`ИП ${shortName(person)}`));
      name = `ИП ${shortName(person)}`;
      inn = uniqueInn(() => generateInn12(r.next, taxOffice));
      ogrn = uniqueOgrn(() => generateOgrnip(r, taxOffice, registrationYear()));
    } else {
      if (fixed) {
        name = `${legalForm} «${fixed.brand}»`;
        brand = fixed.brand;
        if (!reg.claimName(name)) throw new Error(`Duplicate fixed client ${name}`);
      } else {
        ({ name, brand } = companyName(r, reg, profile, legalForm, city));
      }
      inn = uniqueInn(() => generateInn10(r.next, taxOffice));
      kpp = `${taxOffice}01001`;
      ogrn = uniqueOgrn(() => generateOgrn(r, taxOffice, registrationYear()));
    }
  }

  // Size, headcount, revenue.
  let headcount: number | null;
  let revenueThousands = 0;
  if (individual) {
    headcount = r.chance(0.5) ? r.int(1, 4) : null;
    if (r.chance(0.4)) revenueThousands = r.int(150, 900) * 10;
  } else {
    const [hMin, hMax] = HEADCOUNT[size as Size];
    headcount = legalForm === 'ИП' ? r.int(1, 12) : r.int(hMin, hMax);
    const [pMin, pMax] = legalForm === 'ИП' ? [2000, 5000] : REVENUE_PER_HEAD[profile.industryCode];
    revenueThousands = Math.round((headcount * r.int(pMin, pMax)) / 100) * 100;
    // Cold leads often have not told us their figures yet.
    if (status === 'cold' && r.chance(0.35)) revenueThousands = 0;
    if (!fixed && r.chance(0.05)) headcount = null;
  }

  // Channel: tenders only for bigger legal entities.
  let channelCode = r.weighted(CHANNEL_WEIGHTS[status]);
  const canTender = !individual && legalForm !== 'ИП' && (size === 'medium' || size === 'large' || profile.industryCode === 'horeca');
  while (channelCode === 'tender' && !canTender) channelCode = r.weighted(CHANNEL_WEIGHTS[status]);

  // Phones and e-mails of the client itself.
  const phones: string[] = [];
  const emails: string[] = [];
  let domain: string | null = null;
  if (person) {
    phones.push(makePhone(r, reg, 'mobile', city));
    if (r.chance(0.25)) phones.push(makePhone(r, reg, 'mobile', city));
    const emailChance = individual ? 0.55 : 0.8;
    if (r.chance(emailChance)) emails.push(personalEmail(r, reg, person, birthday ? Number(birthday.slice(0, 4)) : null));
  } else {
    phones.push(makePhone(r, reg, r.chance(0.7) ? 'landline' : 'mobile', city));
    if (r.chance(0.4)) phones.push(makePhone(r, reg, r.chance(0.5) ? 'landline' : 'mobile', city));
    const hasDomain = fixed !== undefined || size !== 'micro' || r.chance(0.45);
    if (hasDomain) {
      domain = corporateDomain(r, reg, brand as string, city);
      const mailboxes = fixed ? ['info'] : r.some(['info', 'zakaz', 'office', 'sales', 'snab', 'buh', 'mail'], r.int(1, 2));
      for (const box of mailboxes) if (claimEmail(reg, `${box}@${domain}`)) emails.push(`${box}@${domain}`);
      if (status === 'cold' && !fixed && r.chance(0.3)) emails.length = 0;
    }
  }

  const client: DemoClient = {
    key: `client-${String(index + 1).padStart(3, '0')}`,
    kind: individual ? 'individual' : 'legal_entity',
    name,
    inn,
    kpp,
    ogrn,
    industryCode: profile.industryCode,
    activityCode: profile.activityCode,
    region,
    city,
    address: makeAddress(r, profile, city),
    headcount,
    annualRevenue: revenueThousands > 0 ? rubles(revenueThousands) : null,
    status,
    channelCode,
    tags: [],
    managerIndex: slot.managerIndex,
    birthday,
    phones,
    emails,
    createdDaysAgo,
    isKey: false,
    contacts: [],
    dossier: null,
  };
  return { client, profile, legalForm, size, person, domain, revenueThousands };
}

/** About a tenth of the clients — the biggest active ones, with some luck — are key clients. */
function selectKeyClients(r: Rng, drafts: Draft[]): void {
  const target = Math.round(drafts.length / 10);
  const forced = drafts.filter((d, i) => i < FIXED_CLIENTS.length && FIXED_CLIENTS[i].key);
  const candidates = drafts
    .filter((d) => !forced.includes(d) && d.client.kind === 'legal_entity' && ['active', 'regular', 'ready', 'thinking'].includes(d.client.status))
    .map((d) => {
      const statusBonus = d.client.status === 'regular' ? 1.6 : d.client.status === 'active' ? 1.4 : 1;
      const formBonus = d.legalForm === 'ИП' ? 0.5 : 1;
      return { d, score: Math.log10(10 + d.revenueThousands) * statusBonus * formBonus * (0.5 + r.next()) };
    })
    .sort((a, b) => b.score - a.score);
  const chosen = [...forced, ...candidates.slice(0, Math.max(0, target - forced.length)).map((c) => c.d)];
  for (const d of chosen) d.client.isKey = true;
}

function addContacts(r: Rng, reg: Registry, d: Draft): void {
  const c = d.client;
  const positions = POSITIONS[d.profile.positions];
  if (c.kind === 'individual') {
    if (r.chance(0.35)) {
      c.contacts.push(makeContact(r, reg, { position: r.pick(INDIVIDUAL_HELPERS), isPrimary: true, detailed: false, domain: null, city: c.city }));
    }
    return;
  }
  const n = c.isKey ? r.int(2, 3) : c.status === 'cold' ? 1 : r.weighted([[1, 4], [2, 4], [3, 2]] as const);
  const others = r.some(positions.others, n - 1);
  for (let i = 0; i < n; i++) {
    const primary = i === 0;
    let position: Position;
    let person: Person | undefined;
    if (primary && d.legalForm === 'ИП' && d.person) {
      // The entrepreneur is the main contact of an ИП.
      position = ['Владелец', 'decision_maker', 'owner'];
      person = d.person;
    } else {
      position = primary ? r.pick(positions.primary) : others[i - 1];
    }
    c.contacts.push(makeContact(r, reg, { position, isPrimary: primary, detailed: c.isKey, domain: d.domain, city: c.city, person }));
  }
}

function assignTags(r: Rng, d: Draft): void {
  const c = d.client;
  const tags = new Set<string>();
  if (c.isKey) tags.add('ключевой');
  if (c.isKey && (d.size === 'large' || d.revenueThousands > 2000000 || r.chance(0.1))) tags.add('VIP');
  if (c.industryCode === 'food_chain') tags.add('сеть');
  if ((c.activityCode === 'grocery_store' || c.activityCode === 'supermarket') && r.chance(0.3)) tags.add('круглосуточный');
  if ((c.activityCode === 'pavilion' || c.activityCode === 'market_stall') && r.chance(0.35)) tags.add('сезонный');
  if (c.channelCode === 'tender' || (c.industryCode === 'food_production' && r.chance(0.3))) tags.add('госзакупки');
  if (c.status === 'lost' ? r.chance(0.6) : ['thinking', 'ready'].includes(c.status) && r.chance(0.12)) tags.add('требует внимания');
  if (c.createdDaysAgo < 120 && !['regular', 'lost'].includes(c.status)) tags.add('новый');
  c.tags = DEMO_CLIENT_TAGS.filter((t) => tags.has(t));
}

/**
 * `count` demo clients (300 by default), identical for the same (count, seed).
 * The first entries are FIXED_CLIENTS. With at least 6 clients per manager, every
 * manager has every status at least once.
 */
export function generateDemoClients(count: number = DEFAULT_DEMO_CLIENT_COUNT, seed: number = DEFAULT_DEMO_CLIENT_SEED): DemoClient[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  const r = new Rng(mulberry32(seed));
  const reg = new Registry();

  const plan = buildPlan(r, count);
  // Move slots with the wanted statuses to the front for the fixed clients.
  FIXED_CLIENTS.forEach((fixed, i) => {
    if (i >= plan.length) return;
    const j = plan.findIndex((s, k) => k >= i && s.status === fixed.status);
    if (j > i) [plan[i], plan[j]] = [plan[j], plan[i]];
  });

  // ~15% individuals, never among the fixed entries.
  const individuals = new Set(r.some(Array.from({ length: Math.max(0, count - FIXED_CLIENTS.length) }, (_, i) => i + FIXED_CLIENTS.length), Math.round(count * 0.15)));

  const drafts = plan.map((slot, i) => makeDraft(r, reg, i, slot, individuals.has(i), FIXED_CLIENTS[i]));
  selectKeyClients(r, drafts);
  for (const d of drafts) {
    addContacts(r, reg, d);
    if (d.client.isKey) d.client.dossier = makeDossier(r, d.client);
    assignTags(r, d);
  }
  return drafts.map((d) => d.client);
}
