import {
  type ClientStatus,
  type DemoClient,
  generateDemoClients,
  generateInn10,
  generateInn12,
  isValidInn,
  mulberry32,
} from './demo-clients';

const STATUSES: ClientStatus[] = ['cold', 'thinking', 'ready', 'active', 'regular', 'lost'];
const TAGS = new Set(['ключевой', 'сеть', 'круглосуточный', 'сезонный', 'госзакупки', 'требует внимания', 'VIP', 'новый']);
const INDUSTRIES = new Set(['food_retail', 'food_chain', 'market', 'horeca', 'food_production', 'wholesale']);
const ACTIVITIES = new Set(['grocery_store', 'pavilion', 'supermarket', 'market_stall', 'cafe', 'bakery', 'meat_shop', 'fish_shop', 'dairy_shop', 'warehouse']);
const CHANNELS = new Set(['recommendation', 'exhibition', 'website', 'cold_call', 'advertising', 'repeat', 'tender']);
const REGION_CITIES = new Set([
  'Химки', 'Мытищи', 'Подольск', 'Балашиха', 'Люберцы', 'Красногорск', 'Одинцово', 'Королёв', 'Домодедово', 'Сергиев Посад',
  'Коломна', 'Серпухов', 'Ногинск', 'Щёлково', 'Раменское', 'Пушкино', 'Дмитров', 'Клин', 'Электросталь',
]);
const PHONE = /^\+7 \(\d{3}\) \d{3}-\d{2}-\d{2}$/;
const EMAIL = /^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** Independent INN check with the official FNS weights (not the implementation under test). */
function innChecksumOk(inn: string): boolean {
  const d = [...inn].map(Number);
  const check = (weights: number[]): number => (weights.reduce((s, w, i) => s + w * d[i], 0) % 11) % 10;
  if (/^\d{10}$/.test(inn)) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  if (/^\d{12}$/.test(inn)) {
    return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
  }
  return false;
}

/** OGRN: (first 12 digits mod 11) mod 10; OGRNIP: (first 14 digits mod 13) mod 10. */
function ogrnChecksumOk(ogrn: string): boolean {
  if (/^[15]\d{12}$/.test(ogrn)) return (Number(ogrn.slice(0, 12)) % 11) % 10 === Number(ogrn[12]);
  if (/^3\d{14}$/.test(ogrn)) return (Number(ogrn.slice(0, 14)) % 13) % 10 === Number(ogrn[14]);
  return false;
}

const isEntrepreneur = (c: DemoClient): boolean => c.name.startsWith('ИП ');

describe('demo clients', () => {
  let clients: DemoClient[];

  beforeAll(() => {
    clients = generateDemoClients();
  });

  it('generates 300 clients by default with stable keys', () => {
    expect(clients).toHaveLength(300);
    expect(clients[0].key).toBe('client-001');
    expect(clients[299].key).toBe('client-300');
    expect(new Set(clients.map((c) => c.key)).size).toBe(300);
    expect(generateDemoClients(50)).toHaveLength(50);
  });

  it('is deterministic: the same seed yields identical data, another seed different data', () => {
    expect(generateDemoClients()).toEqual(clients);
    expect(generateDemoClients(300, 20261123)).toEqual(clients);
    expect(generateDemoClients(300, 7).map((c) => c.inn)).not.toEqual(clients.map((c) => c.inn));
  });

  it('mulberry32 is a deterministic PRNG in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  describe('INN', () => {
    it('agrees with the official checksum on known INNs', () => {
      for (const inn of ['7707083893', '500100732259']) {
        expect(innChecksumOk(inn)).toBe(true);
        expect(isValidInn(inn)).toBe(true);
      }
      for (const inn of ['7707083894', '500100732258', '770708389', '77070838930', 'abcdefghij']) {
        expect(innChecksumOk(inn)).toBe(false);
        expect(isValidInn(inn)).toBe(false);
      }
    });

    it('generates valid 10- and 12-digit INNs', () => {
      const rand = mulberry32(1);
      for (let i = 0; i < 500; i++) {
        const inn10 = generateInn10(rand);
        const inn12 = generateInn12(rand);
        expect(inn10).toMatch(/^\d{10}$/);
        expect(inn12).toMatch(/^\d{12}$/);
        expect(innChecksumOk(inn10)).toBe(true);
        expect(innChecksumOk(inn12)).toBe(true);
      }
    });

    it('gives every client a valid INN of the right length for its legal form', () => {
      for (const c of clients) {
        if (c.kind === 'individual') {
          if (c.inn !== null) expect(c.inn).toMatch(/^\d{12}$/);
        } else {
          expect(c.inn).toMatch(isEntrepreneur(c) ? /^\d{12}$/ : /^\d{10}$/);
        }
        if (c.inn !== null) expect(innChecksumOk(c.inn)).toBe(true);
      }
      expect(clients.filter((c) => c.kind === 'individual' && c.inn !== null).length).toBeGreaterThan(0);
    });
  });

  it('keeps INNs, names and e-mails unique', () => {
    const inns = clients.map((c) => c.inn).filter((i): i is string => i !== null);
    expect(new Set(inns).size).toBe(inns.length);
    expect(new Set(clients.map((c) => c.name)).size).toBe(clients.length);
    const emails = clients.flatMap((c) => c.emails);
    expect(new Set(emails).size).toBe(emails.length);
    const allEmails = clients.flatMap((c) => [...c.emails, ...c.contacts.flatMap((p) => p.emails)]);
    expect(new Set(allEmails).size).toBe(allEmails.length);
    for (const e of allEmails) expect(e).toMatch(EMAIL);
  });

  it('gives every manager every status and 25–35 clients', () => {
    for (let m = 1; m <= 10; m++) {
      const own = clients.filter((c) => c.managerIndex === m);
      expect(own.length).toBeGreaterThanOrEqual(25);
      expect(own.length).toBeLessThanOrEqual(35);
      expect(new Set(own.map((c) => c.status))).toEqual(new Set(STATUSES));
    }
    expect(clients.every((c) => Number.isInteger(c.managerIndex) && c.managerIndex >= 1 && c.managerIndex <= 10)).toBe(true);
  });

  it('spreads statuses realistically: more active/regular/thinking than lost', () => {
    const count = (s: ClientStatus): number => clients.filter((c) => c.status === s).length;
    for (const s of ['active', 'regular', 'thinking'] as const) expect(count(s)).toBeGreaterThan(count('lost'));
  });

  it('has about 15% individuals and the rest legal entities with proper requisites', () => {
    const individuals = clients.filter((c) => c.kind === 'individual');
    expect(individuals.length / clients.length).toBeGreaterThanOrEqual(0.1);
    expect(individuals.length / clients.length).toBeLessThanOrEqual(0.2);
    for (const c of individuals) {
      expect(c.name).toMatch(/^[А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
      expect(c.kpp).toBeNull();
      expect(c.ogrn).toBeNull();
      expect(c.birthday).toMatch(/^(19[6-9]\d)-\d{2}-\d{2}$/);
      expect(c.contacts.length).toBeLessThanOrEqual(1);
    }
    for (const c of clients.filter((x) => x.kind === 'legal_entity')) {
      expect(c.name).toMatch(/^(ООО «.+»|АО «.+»|ИП [А-ЯЁ][а-яё-]+ [А-ЯЁ]\. [А-ЯЁ]\.)$/);
      expect(c.birthday).toBeNull();
      expect(c.contacts.length).toBeGreaterThanOrEqual(1);
      expect(c.contacts.length).toBeLessThanOrEqual(3);
    }
  });

  it('has 9-digit KPPs and 13/15-digit OGRNs with valid check digits', () => {
    for (const c of clients) {
      if (c.kind === 'individual') continue;
      if (isEntrepreneur(c)) {
        expect(c.kpp).toBeNull();
        expect(c.ogrn).toMatch(/^3\d{14}$/);
      } else {
        expect(c.kpp).toMatch(/^\d{9}$/);
        expect(c.kpp!.slice(0, 4)).toBe(c.inn!.slice(0, 4));
        expect(c.kpp!.slice(4)).toBe('01001');
        expect(c.ogrn).toMatch(/^[15]\d{12}$/);
      }
      expect(ogrnChecksumOk(c.ogrn!)).toBe(true);
    }
  });

  it('formats money, phones, dates and codes', () => {
    for (const c of clients) {
      if (c.annualRevenue !== null) expect(c.annualRevenue).toMatch(/^\d+\.\d{2}$/);
      if (c.headcount !== null) expect(Number.isInteger(c.headcount) && c.headcount > 0).toBe(true);
      expect(c.phones.length).toBeGreaterThanOrEqual(1);
      expect(c.phones.length).toBeLessThanOrEqual(2);
      for (const p of [...c.phones, ...c.contacts.flatMap((x) => x.phones)]) expect(p).toMatch(PHONE);
      expect(c.emails.length).toBeLessThanOrEqual(2);
      expect(INDUSTRIES.has(c.industryCode)).toBe(true);
      expect(ACTIVITIES.has(c.activityCode)).toBe(true);
      expect(CHANNELS.has(c.channelCode)).toBe(true);
      expect(c.tags.every((t) => TAGS.has(t))).toBe(true);
      expect(Number.isInteger(c.createdDaysAgo) && c.createdDaysAgo >= 0 && c.createdDaysAgo <= 2900).toBe(true);
      expect(c.address.length).toBeGreaterThan(5);
      if (c.region === 'Москва') expect(c.city).toBe('Москва');
      else {
        expect(c.region).toBe('Московская область');
        expect(REGION_CITIES.has(c.city)).toBe(true);
      }
      for (const p of c.contacts) {
        if (p.birthday !== null) {
          expect(p.birthday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const year = Number(p.birthday.slice(0, 4));
          expect(year >= 1960 && year <= 1998).toBe(true);
        }
        expect(p.fullName.split(' ')).toHaveLength(3);
      }
      if (c.contacts.length) expect(c.contacts.filter((p) => p.isPrimary)).toHaveLength(1);
    }
    const moscowShare = clients.filter((c) => c.region === 'Москва').length / clients.length;
    expect(moscowShare).toBeGreaterThan(0.5);
    expect(moscowShare).toBeLessThan(0.7);
  });

  it('gives about 30 key clients a dossier', () => {
    const keys = clients.filter((c) => c.isKey);
    expect(keys.length).toBeGreaterThanOrEqual(25);
    expect(keys.length).toBeLessThanOrEqual(35);
    for (const c of clients) expect(c.dossier !== null).toBe(c.isKey);
    for (const c of keys) {
      expect(c.tags).toContain('ключевой');
      expect(c.dossier!.competitors.length).toBeGreaterThan(0);
      expect(c.dossier!.potentialNeeds.length).toBeGreaterThan(0);
    }
  });

  it('starts with the two fixed clients used by search tests', () => {
    expect(clients[0]).toMatchObject({ name: 'ООО «Холодильные системы Подмосковья»', city: 'Подольск', kind: 'legal_entity' });
    expect(clients[1]).toMatchObject({ name: 'ООО «Продукты у дома»', city: 'Москва', kind: 'legal_entity' });
    expect(generateDemoClients(2).map((c) => c.name)).toEqual(['ООО «Холодильные системы Подмосковья»', 'ООО «Продукты у дома»']);
  });
});
