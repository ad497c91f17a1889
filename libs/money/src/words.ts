/**
 * The amount in words for print forms (счёт, договор, акт):
 * «Триста две тысячи двести рублей 00 копеек».
 *
 * Roubles are written out, kopecks stay as two digits (the usual form of Russian
 * accounting documents). Тысяча is feminine (одна тысяча, две тысячи), рубль,
 * миллион and миллиард are masculine (один рубль, два миллиона). The noun agrees
 * with the last number: 1, 21, 101 → рубль / копейка; 2–4, 22–24 → рубля / копейки;
 * 0, 5–20, 25–30, 111–114 → рублей / копеек.
 */
import { toKopecks } from './decimal';

type Gender = 'm' | 'f';

/** The three forms of a Russian noun after a number: one, few (2–4), many (5–20, 0). */
export type PluralForms = readonly [one: string, few: string, many: string];

const ONES: Record<Gender, readonly string[]> = {
  m: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  f: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
};
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** Thousand groups from the lowest up: units, тысячи, миллионы, миллиарды, триллионы. */
const SCALES: ReadonlyArray<{ forms: PluralForms; gender: Gender }> = [
  { forms: ['', '', ''], gender: 'm' },
  { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
  { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
  { forms: ['триллион', 'триллиона', 'триллионов'], gender: 'm' },
];

const ROUBLES: PluralForms = ['рубль', 'рубля', 'рублей'];
const KOPECKS: PluralForms = ['копейка', 'копейки', 'копеек'];

/** The form of a noun that agrees with `n` (11–14 take the "many" form). */
export function pluralRu(n: bigint | number, forms: PluralForms): string {
  const abs = BigInt(n) < 0n ? -BigInt(n) : BigInt(n);
  const lastTwo = Number(abs % 100n);
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** 0 < n < 1000 in words ("триста две" for n = 302, feminine). */
function triadInWords(n: number, gender: Gender): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) {
    words.push(TEENS[rest - 10]);
  } else {
    words.push(TENS[Math.floor(rest / 10)], ONES[gender][rest % 10]);
  }
  return words.filter((w): w is string => !!w);
}

/**
 * A whole number in Russian words, lower case ("двадцать один", "ноль").
 * `gender` is that of the noun that follows (тысяча → 'f': "две"; рубль → 'm': "два").
 * Supports up to 999 триллионов.
 */
export function integerInWords(value: bigint | number, gender: Gender = 'm'): string {
  let n = BigInt(value);
  if (n < 0n) return `минус ${integerInWords(-n, gender)}`;
  if (n === 0n) return 'ноль';
  const parts: string[] = [];
  for (let scale = 0; n > 0n; scale++, n /= 1000n) {
    if (scale >= SCALES.length) throw new RangeError(`too large to write in words: ${String(value)}`);
    const triad = Number(n % 1000n);
    if (triad === 0) continue;
    const { forms, gender: scaleGender } = SCALES[scale];
    const words = triadInWords(triad, scale === 0 ? gender : scaleGender);
    if (scale > 0) words.push(pluralRu(triad, forms));
    parts.unshift(words.join(' '));
  }
  return parts.join(' ');
}

/**
 * An amount for a print form: «Триста две тысячи двести рублей 00 копеек».
 * Takes an amount string ("302200", "1.01", "-5.5"); throws RangeError otherwise.
 */
export function amountInWords(amount: string): string {
  const kopecks = toKopecks(amount);
  const negative = kopecks < 0n;
  const abs = negative ? -kopecks : kopecks;
  const roubles = abs / 100n;
  const kop = abs % 100n;
  const text = `${negative ? 'минус ' : ''}${integerInWords(roubles, 'm')} ${pluralRu(roubles, ROUBLES)} ${kop.toString().padStart(2, '0')} ${pluralRu(kop, KOPECKS)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
