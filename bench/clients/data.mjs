/**
 * The data set of the clients bench: N clients with K contacts each, spread over the
 * ten demo managers, generated in JS (seeded PRNG, so a run is reproducible) and
 * written with multi-row `INSERT … SELECT FROM unnest(…)` in chunks.
 *
 * Names combine word lists the way real Russian company names do («Северный двор»,
 * «Снежинка-Маркет», «Продснаб-Восток», ИП Гусев А. В., Гусева Анна Петровна), so a
 * search word hits a fraction of the rows, in another word form than the stored one.
 * INNs are valid (check digits) and unique; phones and e-mails are unique. The
 * `*_normalized` columns are computed with the API's own client-normalize functions
 * (apps/api/dist), and `search_vector` by the table triggers on insert.
 */
import { randomUUID } from 'node:crypto';
import { pgTextArray } from '../lib/db.mjs';

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/** mulberry32, as in the demo seed: floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted(entries) {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
}

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

/** Adjective stem + declension type → forms by noun gender (m, f, n, pl). */
function adj(stem, type) {
  const endings = {
    y: ['ый', 'ая', 'ое', 'ые'],
    k: ['ий', 'ая', 'ое', 'ие'],
    sh: ['ий', 'ая', 'ее', 'ие'],
    n: ['ий', 'яя', 'ее', 'ие'],
    o: ['ой', 'ая', 'ое', 'ые'],
    ko: ['ой', 'ая', 'ое', 'ие'],
  }[type];
  return { m: stem + endings[0], f: stem + endings[1], n: stem + endings[2], pl: stem + endings[3] };
}

export const ADJECTIVES = [
  adj('Северн', 'y'), adj('Южн', 'y'), adj('Восточн', 'y'), adj('Западн', 'y'), adj('Свеж', 'sh'), adj('Добр', 'y'),
  adj('Семейн', 'y'), adj('Русск', 'k'), adj('Подмосковн', 'y'), adj('Домашн', 'n'), adj('Золот', 'o'), adj('Зелён', 'y'),
  adj('Нов', 'y'), adj('Щедр', 'y'), adj('Вкусн', 'y'), adj('Славн', 'y'), adj('Городск', 'ko'), adj('Сельск', 'k'),
  adj('Солнечн', 'y'), adj('Речн', 'o'), adj('Лесн', 'o'), adj('Уютн', 'y'), adj('Соседск', 'k'), adj('Хорош', 'sh'),
  adj('Народн', 'y'), adj('Фермерск', 'k'), adj('Любим', 'y'), adj('Весёл', 'y'), adj('Столичн', 'y'), adj('Родн', 'o'),
  adj('Молочн', 'y'), adj('Мясн', 'o'), adj('Морск', 'ko'), adj('Хлебн', 'y'), adj('Лугов', 'o'), adj('Сливочн', 'y'),
  adj('Деревенск', 'k'), adj('Торгов', 'y'), adj('Центральн', 'y'), adj('Ярк', 'k'),
];

export const NOUNS = [
  ['Двор', 'm'], ['Дом', 'm'], ['Уголок', 'm'], ['Гастроном', 'm'], ['Квартал', 'm'], ['Маркет', 'm'], ['Лавка', 'f'],
  ['Корзина', 'f'], ['Полка', 'f'], ['Продукты', 'pl'], ['Припасы', 'pl'], ['Гостинцы', 'pl'], ['Край', 'm'],
  ['Погребок', 'm'], ['Ряд', 'm'], ['Подворье', 'n'], ['Улов', 'm'], ['Берег', 'm'], ['Причал', 'm'], ['Ферма', 'f'],
  ['Ручей', 'm'], ['Каравай', 'm'], ['Колос', 'm'], ['Пекарня', 'f'], ['Очаг', 'm'], ['Трактир', 'm'], ['Кухня', 'f'],
  ['Самовар', 'm'], ['Сад', 'm'], ['Ярмарка', 'f'], ['Базар', 'm'], ['Торг', 'm'], ['Мельница', 'f'], ['Поле', 'n'],
];

export const BRANDS = [
  'Берёзка', 'Ромашка', 'Колосок', 'Айсберг', 'Снежинка', 'Радуга', 'Калинка', 'Рябинка', 'Лакомка', 'Околица',
  'Горница', 'Провиант', 'Пятачок', 'Теремок', 'Сударушка', 'Купава', 'Забава', 'Ивушка', 'Медуница', 'Кормилица',
  'Полюс', 'Меридиан', 'Магистраль', 'Созвездие', 'Вектор', 'Горизонт', 'Альянс', 'Фортуна', 'Олимп', 'Сириус',
];
const BRAND_SUFFIXES = ['', '', '-2', ' Плюс', '-Маркет', ' Экспресс', '-Центр', ' Ритейл', ' Трейд', ' Групп'];
const WHOLESALE_ROOTS = ['Продснаб', 'Оптпродукт', 'Продоптторг', 'Агроснаб', 'Фудсервис', 'Продсклад', 'Торгснаб', 'Холодсклад', 'Фрост-Логистик', 'Айс-Трейд', 'Мясоптторг', 'Рыбоптторг'];
const WHOLESALE_SUFFIXES = ['Центр', 'Восток', 'Юг', 'Запад', 'Север', 'Регион', 'Плюс', 'Групп', 'М'];

const MALE_FIRST = [
  'Александр', 'Алексей', 'Андрей', 'Антон', 'Артём', 'Борис', 'Вадим', 'Валерий', 'Василий', 'Виктор',
  'Виталий', 'Владимир', 'Владислав', 'Вячеслав', 'Геннадий', 'Георгий', 'Денис', 'Дмитрий', 'Евгений', 'Егор',
  'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Леонид', 'Максим', 'Михаил', 'Никита', 'Николай',
  'Олег', 'Павел', 'Пётр', 'Роман', 'Руслан', 'Сергей', 'Станислав', 'Степан', 'Тимур', 'Фёдор', 'Юрий', 'Ярослав',
];
const FEMALE_FIRST = [
  'Анастасия', 'Анна', 'Алёна', 'Валентина', 'Вера', 'Галина', 'Дарья', 'Евгения', 'Екатерина', 'Елена',
  'Жанна', 'Ирина', 'Кристина', 'Ксения', 'Лариса', 'Любовь', 'Людмила', 'Марина', 'Мария', 'Надежда',
  'Наталья', 'Нина', 'Оксана', 'Ольга', 'Полина', 'Светлана', 'Софья', 'Татьяна', 'Юлия', 'Яна',
];
const PATRONYMICS = [
  ['Александрович', 'Александровна'], ['Алексеевич', 'Алексеевна'], ['Анатольевич', 'Анатольевна'], ['Андреевич', 'Андреевна'],
  ['Борисович', 'Борисовна'], ['Валерьевич', 'Валерьевна'], ['Васильевич', 'Васильевна'], ['Викторович', 'Викторовна'],
  ['Владимирович', 'Владимировна'], ['Геннадьевич', 'Геннадьевна'], ['Дмитриевич', 'Дмитриевна'], ['Евгеньевич', 'Евгеньевна'],
  ['Иванович', 'Ивановна'], ['Игоревич', 'Игоревна'], ['Константинович', 'Константиновна'], ['Михайлович', 'Михайловна'],
  ['Николаевич', 'Николаевна'], ['Олегович', 'Олеговна'], ['Павлович', 'Павловна'], ['Петрович', 'Петровна'],
  ['Сергеевич', 'Сергеевна'], ['Фёдорович', 'Фёдоровна'], ['Юрьевич', 'Юрьевна'],
];
export const SURNAMES = [
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
];
function feminineSurname(male) {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return `${male}а`;
  if (/(ский|цкий)$/.test(male)) return `${male.slice(0, -2)}ая`;
  return male;
}

const POSITIONS = [
  ['Генеральный директор', 'decision_maker'], ['Директор', 'decision_maker'], ['Владелец', 'decision_maker'],
  ['Управляющий', 'high'], ['Заместитель директора', 'high'], ['Главный бухгалтер', 'high'], ['Менеджер по закупкам', 'medium'],
  ['Заведующий магазином', 'medium'], ['Товаровед', 'medium'], ['Главный инженер', 'medium'], ['Администратор', 'low'],
  ['Шеф-повар', 'medium'], ['Кладовщик', 'low'], ['Старший продавец', 'low'],
];

/** City → first four INN digits (tax office); Moscow has many offices. */
const REGION_TAX_OFFICES = {
  Химки: '5047', Мытищи: '5029', Подольск: '5036', Балашиха: '5001', Люберцы: '5027', Красногорск: '5024', Одинцово: '5032',
  Королёв: '5018', Домодедово: '5009', 'Сергиев Посад': '5042', Коломна: '5022', Серпухов: '5043', Ногинск: '5031',
  Щёлково: '5050', Раменское: '5040', Пушкино: '5038', Дмитров: '5007', Клин: '5020', Электросталь: '5053',
};
const REGION_CITIES = Object.keys(REGION_TAX_OFFICES);
const MOSCOW_TAX_OFFICES = Array.from({ length: 51 }, (_, i) => String(7701 + i));

const MOSCOW_STREETS = [
  'ул. Профсоюзная', 'Ленинградское ш.', 'Варшавское ш.', 'пр-т Мира', 'Ленинский пр-т', 'ул. Большая Черкизовская', 'Каширское ш.',
  'ул. Миклухо-Маклая', 'ул. Вавилова', 'Волгоградский пр-т', 'ул. Люблинская', 'ул. Братиславская', 'Дмитровское ш.',
  'Алтуфьевское ш.', 'ул. Первомайская', 'Щёлковское ш.', 'ул. Сходненская', 'ул. Кировоградская', 'Рязанский пр-т', 'ул. Бутырская',
];
const REGION_STREETS = [
  'ул. Ленина', 'ул. Советская', 'ул. Московская', 'пр-т Мира', 'ул. Гагарина', 'ул. Комсомольская', 'ул. Октябрьская',
  'ул. Садовая', 'ул. Школьная', 'ул. Железнодорожная', 'ул. Пионерская', 'ул. Строителей', 'ул. Кирова', 'ул. Победы',
];

const MOBILE_CODES = ['903', '905', '909', '910', '915', '916', '917', '925', '926', '929', '963', '965', '968', '977', '985', '999'];
const LANDLINE_CODES = ['495', '499', '496', '498'];
const MAIL_DOMAINS = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru', 'ya.ru'];

export const STATUS_WEIGHTS = [['cold', 25], ['thinking', 15], ['ready', 8], ['active', 27], ['regular', 15], ['lost', 10]];
/** The words the import accepts for each status (import-columns.ts). */
export const STATUS_WORDS = { cold: 'холодный', thinking: 'думает', ready: 'готов', active: 'активный', regular: 'постоянный', lost: 'потерян' };
const TAGS = ['ключевой', 'сеть', 'круглосуточный', 'сезонный', 'госзакупки', 'требует внимания', 'VIP', 'новый'];

const TRANSLIT = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const slug = (text) =>
  [...text.toLowerCase()]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
/** A domain label from a name: at most 24 characters, no hyphen at either end. */
const domainLabel = (text) => slug(text).slice(0, 24).replace(/-+$/, '') || 'client';

// ---------------------------------------------------------------------------
// Unique identifiers: INN, phones, e-mails
// ---------------------------------------------------------------------------

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
function checkDigit(digits, weights) {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] * (digits.charCodeAt(i) - 48);
  return String((sum % 11) % 10);
}
export function isValidInn(inn) {
  if (/^\d{10}$/.test(inn)) return checkDigit(inn, INN10_WEIGHTS) === inn[9];
  if (/^\d{12}$/.test(inn)) return checkDigit(inn, INN12_WEIGHTS_1) === inn[10] && checkDigit(inn, INN12_WEIGHTS_2) === inn[11];
  return false;
}

/**
 * Hands out identifiers that are unique within the run and differ from those already in
 * the database (the demo clients): per-key counters run through a multiplicative
 * permutation, so consecutive values look random but never repeat.
 */
export class Identifiers {
  constructor({ takenInns = [], takenPhones = [], takenEmails = [] } = {}) {
    this.takenInns = new Set(takenInns);
    this.takenPhones = new Set(takenPhones);
    this.takenEmails = new Set(takenEmails);
    this.counters = new Map();
    this.emailCounter = 0;
  }

  #nextSerial(key, modulus) {
    for (;;) {
      const n = this.counters.get(key) ?? 0;
      if (n >= modulus) throw new Error(`Identifier space ${key} is exhausted`);
      this.counters.set(key, n + 1);
      // 7919 is prime and divides no power of ten, so n → (n·7919 + c) mod 10^k is a bijection.
      return String((n * 7919 + 4242) % modulus).padStart(String(modulus - 1).length, '0');
    }
  }

  inn10(taxOffice) {
    for (;;) {
      const body = taxOffice + this.#nextSerial(`inn10:${taxOffice}`, 100_000);
      const inn = body + checkDigit(body, INN10_WEIGHTS);
      if (!this.takenInns.has(inn)) return inn;
    }
  }

  inn12(taxOffice) {
    for (;;) {
      const body = taxOffice + this.#nextSerial(`inn12:${taxOffice}`, 1_000_000);
      const first = body + checkDigit(body, INN12_WEIGHTS_1);
      const inn = first + checkDigit(first, INN12_WEIGHTS_2);
      if (!this.takenInns.has(inn)) return inn;
    }
  }

  /** "+7 (916) 234-56-78"; unique by its normalised form 7XXXXXXXXXX. */
  phone(kind, rng) {
    const codes = kind === 'mobile' ? MOBILE_CODES : LANDLINE_CODES;
    for (;;) {
      const code = rng.pick(codes);
      // Subscriber numbers 2000000…9999999: 8,000,000 of them per code.
      const n = Number(this.#nextSerial(`phone:${code}`, 8_000_000)) + 2_000_000;
      const digits = String(n);
      if (this.takenPhones.has(`7${code}${digits}`)) continue;
      return `+7 (${code}) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5, 7)}`;
    }
  }

  /** A mailbox with a run-wide counter in it, so it never repeats. */
  email(local, domain) {
    for (;;) {
      const email = `${local}.${(++this.emailCounter).toString(36)}@${domain}`;
      if (!this.takenEmails.has(email)) return email;
    }
  }
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

function person(rng) {
  const male = rng.chance(0.5);
  const surname = rng.pick(SURNAMES);
  const [mp, fp] = rng.pick(PATRONYMICS);
  return male
    ? { last: surname, first: rng.pick(MALE_FIRST), middle: mp }
    : { last: feminineSurname(surname), first: rng.pick(FEMALE_FIRST), middle: fp };
}
const fullName = (p) => `${p.last} ${p.first} ${p.middle}`;
const shortName = (p) => `${p.last} ${p.first[0]}. ${p.middle[0]}.`;

function brandName(rng) {
  const roll = rng.next();
  if (roll < 0.7) {
    const [noun, gender] = rng.pick(NOUNS);
    const text = `${rng.pick(ADJECTIVES)[gender]} ${noun.toLowerCase()}`;
    return rng.chance(0.25) ? `${text}-${rng.int(2, 99)}` : text;
  }
  if (roll < 0.9) return `${rng.pick(BRANDS)}${rng.pick(BRAND_SUFFIXES)}`;
  return `${rng.pick(WHOLESALE_ROOTS)}-${rng.pick(WHOLESALE_SUFFIXES)}`;
}

/**
 * Creates the row generator.
 * @param {object} o
 * @param {number} o.seed
 * @param {Identifiers} o.ids
 * @param {string[]} o.managerIds  the ten demo managers, manager1 … manager10
 * @param {{ industry: string[], activity_kind: string[], acquisition_channel: string[] }} o.refs
 * @param {{ normalizeName: Function, normalizePhones: Function, normalizeEmails: Function }} o.normalize  from apps/api/dist
 * @param {Date} o.now
 */
export function makeGenerator(o) {
  const rng = new Rng(o.seed);
  const { normalizeName, normalizePhones, normalizeEmails } = o.normalize;
  const DAY = 24 * 3600 * 1000;

  function client() {
    const city = rng.chance(0.6) ? 'Москва' : rng.pick(REGION_CITIES);
    const moscow = city === 'Москва';
    const taxOffice = moscow ? rng.pick(MOSCOW_TAX_OFFICES) : REGION_TAX_OFFICES[city];
    const roll = rng.next();
    let kind = 'legal_entity';
    let name;
    let inn = null;
    let kpp = null;
    let ogrn = null;
    let birthday = null;
    let owner = null;
    let brand = null;
    if (roll < 0.08) {
      kind = 'individual';
      owner = person(rng);
      name = fullName(owner);
      birthday = `${rng.int(1960, 1998)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      if (rng.chance(0.3)) inn = o.ids.inn12(taxOffice);
    } else if (roll < 0.22) {
      owner = person(rng);
      name = `ИП ${shortName(owner)}`;
      inn = o.ids.inn12(taxOffice);
    } else {
      brand = brandName(rng);
      name = `${rng.chance(0.08) ? 'АО' : 'ООО'} «${brand}»`;
      inn = o.ids.inn10(taxOffice);
      kpp = `${taxOffice}01001`;
      const body = `1${String(rng.int(3, 25)).padStart(2, '0')}${taxOffice}${String(rng.int(0, 99999)).padStart(5, '0')}`;
      ogrn = body + String((Number(body) % 11) % 10);
    }
    const phones = [o.ids.phone(owner ? 'mobile' : 'landline', rng)];
    if (rng.chance(0.3)) phones.push(o.ids.phone('mobile', rng));
    const emails = [];
    if (rng.chance(0.7)) {
      emails.push(owner ? o.ids.email(slug(owner.last), rng.pick(MAIL_DOMAINS)) : o.ids.email('info', `${domainLabel(brand)}.ru`));
    }
    const street = rng.pick(moscow ? MOSCOW_STREETS : REGION_STREETS);
    const created = new Date(o.now.getTime() - rng.int(0, 3 * 365) * DAY - rng.int(0, DAY - 1));
    const tagCount = rng.weighted([[0, 60], [1, 30], [2, 10]]);
    const tags = [];
    while (tags.length < tagCount) {
      const t = rng.pick(TAGS);
      if (!tags.includes(t)) tags.push(t);
    }
    const headcount = kind === 'individual' ? null : rng.int(1, owner ? 12 : 400);
    return {
      id: randomUUID(),
      kind,
      name,
      name_normalized: normalizeName(name),
      inn,
      kpp,
      ogrn,
      industry_id: rng.pick(o.refs.industry),
      activity_kind_id: rng.pick(o.refs.activity_kind),
      region: moscow ? 'Москва' : 'Московская область',
      city,
      address: `${street}, д. ${rng.int(1, 180)}${rng.chance(0.2) ? `, стр. ${rng.int(1, 5)}` : ''}`,
      headcount,
      annual_revenue: headcount && rng.chance(0.7) ? `${headcount * rng.int(1500, 9000)}000.00` : null,
      status: rng.weighted(STATUS_WEIGHTS),
      channel_id: rng.pick(o.refs.acquisition_channel),
      tags,
      manager_id: rng.pick(o.managerIds),
      birthday,
      phones,
      phones_normalized: normalizePhones(phones),
      emails,
      emails_normalized: normalizeEmails(emails),
      created_at: created.toISOString(),
    };
  }

  function contact(clientId, primary) {
    const p = person(rng);
    const [position, influence] = primary ? rng.pick(POSITIONS.slice(0, 3)) : rng.pick(POSITIONS);
    const phones = [o.ids.phone('mobile', rng)];
    const emails = rng.chance(0.6) ? [o.ids.email(`${slug(p.last)}.${slug(p.first[0])}`, rng.pick(MAIL_DOMAINS))] : [];
    return {
      client_id: clientId,
      full_name: fullName(p),
      position,
      phones,
      phones_normalized: normalizePhones(phones),
      emails,
      emails_normalized: normalizeEmails(emails),
      birthday: rng.chance(0.5) ? `${rng.int(1960, 1998)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : null,
      influence,
      is_primary: primary,
    };
  }

  /** A row of the import file: unique name, INN, phone and e-mail. */
  function importRow(n, managerEmails) {
    const city = rng.chance(0.6) ? 'Москва' : rng.pick(REGION_CITIES);
    const taxOffice = city === 'Москва' ? rng.pick(MOSCOW_TAX_OFFICES) : REGION_TAX_OFFICES[city];
    const brand = brandName(rng);
    return {
      // «…», филиал N: the branch number keeps the name unique, also against the base
      // («Вкусный колос-50» and «Вкусный колос 50» normalise alike).
      name: `ООО «${brand}», филиал ${n}`,
      inn: o.ids.inn10(taxOffice),
      city,
      phone: o.ids.phone('landline', rng),
      email: o.ids.email('zakaz', `${domainLabel(brand)}-${n}.ru`),
      status: STATUS_WORDS[rng.weighted(STATUS_WEIGHTS)],
      manager: rng.pick(managerEmails),
    };
  }

  return { client, contact, importRow, rng };
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

const col = (rows, key) => rows.map((r) => r[key]);
const arr = (rows, key) => rows.map((r) => pgTextArray(r[key]));

export async function insertClients(db, rows) {
  await db.query(
    `INSERT INTO clients (id, kind, name, name_normalized, inn, kpp, ogrn, industry_id, activity_kind_id, region, city, address, headcount,
                          annual_revenue, status, channel_id, tags, manager_id, birthday, phones, phones_normalized, emails, emails_normalized,
                          created_at, updated_at, version)
     SELECT t.id, t.kind, t.name, t.name_normalized, t.inn, t.kpp, t.ogrn, t.industry_id, t.activity_kind_id, t.region, t.city, t.address,
            t.headcount, t.annual_revenue, t.status, t.channel_id, t.tags::text[], t.manager_id, t.birthday, t.phones::text[],
            t.phones_normalized::text[], t.emails::text[], t.emails_normalized::text[], t.created_at, t.created_at, 1
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::text[],
                   $11::text[], $12::text[], $13::int[], $14::numeric[], $15::text[], $16::uuid[], $17::text[], $18::uuid[], $19::date[],
                   $20::text[], $21::text[], $22::text[], $23::text[], $24::timestamptz[])
         AS t(id, kind, name, name_normalized, inn, kpp, ogrn, industry_id, activity_kind_id, region, city, address, headcount, annual_revenue,
              status, channel_id, tags, manager_id, birthday, phones, phones_normalized, emails, emails_normalized, created_at)`,
    [
      col(rows, 'id'), col(rows, 'kind'), col(rows, 'name'), col(rows, 'name_normalized'), col(rows, 'inn'), col(rows, 'kpp'), col(rows, 'ogrn'),
      col(rows, 'industry_id'), col(rows, 'activity_kind_id'), col(rows, 'region'), col(rows, 'city'), col(rows, 'address'), col(rows, 'headcount'),
      col(rows, 'annual_revenue'), col(rows, 'status'), col(rows, 'channel_id'), arr(rows, 'tags'), col(rows, 'manager_id'), col(rows, 'birthday'),
      arr(rows, 'phones'), arr(rows, 'phones_normalized'), arr(rows, 'emails'), arr(rows, 'emails_normalized'), col(rows, 'created_at'),
    ],
  );
}

export async function insertContacts(db, rows) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO client_contacts (client_id, full_name, position, phones, phones_normalized, emails, emails_normalized, birthday, influence, is_primary, version)
     SELECT t.client_id, t.full_name, t.position, t.phones::text[], t.phones_normalized::text[], t.emails::text[], t.emails_normalized::text[],
            t.birthday, t.influence, t.is_primary, 1
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[], $10::boolean[])
         AS t(client_id, full_name, position, phones, phones_normalized, emails, emails_normalized, birthday, influence, is_primary)`,
    [
      col(rows, 'client_id'), col(rows, 'full_name'), col(rows, 'position'), arr(rows, 'phones'), arr(rows, 'phones_normalized'), arr(rows, 'emails'),
      arr(rows, 'emails_normalized'), col(rows, 'birthday'), col(rows, 'influence'), col(rows, 'is_primary'),
    ],
  );
}

/**
 * Generates and writes `count` clients with `contactsPerClient` contacts each.
 * @returns {Promise<{ seconds: number }>}
 */
export async function loadDataSet(db, gen, { count, contactsPerClient, chunk = 5000, log = () => {} }) {
  const started = performance.now();
  await db.query(`SET synchronous_commit = off`);
  let reported = 0;
  for (let done = 0; done < count; ) {
    const n = Math.min(chunk, count - done);
    const clients = Array.from({ length: n }, () => gen.client());
    const contacts = [];
    for (const c of clients) for (let k = 0; k < contactsPerClient; k++) contacts.push(gen.contact(c.id, k === 0));
    await db.query('BEGIN');
    await insertClients(db, clients);
    for (let i = 0; i < contacts.length; i += chunk) await insertContacts(db, contacts.slice(i, i + chunk));
    await db.query('COMMIT');
    done += n;
    const pct = Math.floor((done / count) * 10);
    if (pct > reported || done === count) {
      reported = pct;
      log(`  ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} clients (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  return { seconds: (performance.now() - started) / 1000 };
}
