/**
 * At most this many statement texts are kept per API process. The keys are built from a
 * request's shape (scope shape, archive flag, order, paging kind, expanded lists), a set of
 * a couple of hundred at most; a key beyond this cap is a sign of one that varies with the
 * request's values, and its text is written again on every call instead of being kept.
 */
export const STATEMENT_TEXTS_MAX = 500;

const texts = new Map<string, unknown>();

/**
 * The SQL of a hot read (or a few texts that go together), written once under `key` and
 * reused: the card, list pages, search page and «Мои дела» are the same text for every
 * request but their values, and writing them again each time (by the query builder or by
 * string assembly) was measurable API CPU (issue 16: about 10% of the card's). `build`
 * must depend only on what `key` says, and every value must be a parameter of the text.
 * Prefix the key with the read it belongs to (`card:`, `day:`…): the keys share one map.
 */
export function writtenOnce<T>(key: string, build: () => T): T {
  let text = texts.get(key) as T | undefined;
  if (text === undefined) {
    text = build();
    if (texts.size < STATEMENT_TEXTS_MAX) texts.set(key, text);
  }
  return text;
}
