import type { FieldProblem } from '../../common/errors/domain-error';
import type { OptionCountDto, QuestionResultDto, SurveyQuestionDto } from './dto/survey.dto';

export type Answers = Record<string, number | string | string[]>;

/** An NPS answer this low counts as a low rating too (a strong detractor). */
export const LOW_NPS = 4;

/** The questionnaire itself is consistent: unique ids, options only where they belong. */
export function questionProblems(questions: readonly SurveyQuestionDto[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) problems.push({ field: `questions.${i}.id`, message: `Duplicate question id ${q.id}` });
    seen.add(q.id);
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (!choice && q.options?.length) problems.push({ field: `questions.${i}.options`, message: 'Only choice questions have options' });
    if (choice && new Set(q.options).size !== q.options?.length) problems.push({ field: `questions.${i}.options`, message: 'Options must differ' });
  });
  return problems;
}

/**
 * Checks answers against the questions: every required one answered, ratings 1–5, NPS
 * 0–10, choices among the options, no unknown question. Returns the cleaned answers or the
 * problems, each naming `answers.<question id>`.
 */
export function checkAnswers(questions: readonly SurveyQuestionDto[], raw: Record<string, unknown>): { answers: Answers; problems: FieldProblem[] } {
  const answers: Answers = {};
  const problems: FieldProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(raw)) if (!byId.has(key)) problems.push({ field: `answers.${key}`, message: 'No such question' });
  for (const q of questions) {
    const v = raw[q.id];
    const field = `answers.${q.id}`;
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) problems.push({ field, message: 'An answer is required' });
      continue;
    }
    switch (q.kind) {
      case 'rating':
      case 'nps': {
        const [lo, hi] = q.kind === 'rating' ? [1, 5] : [0, 10];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) problems.push({ field, message: `A whole number from ${lo} to ${hi}` });
        else answers[q.id] = v;
        break;
      }
      case 'single':
        if (typeof v !== 'string' || !q.options?.includes(v)) problems.push({ field, message: 'One of the options' });
        else answers[q.id] = v;
        break;
      case 'multiple':
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && q.options?.includes(x)) || new Set(v).size !== v.length) problems.push({ field, message: 'Some of the options' });
        else answers[q.id] = v as string[];
        break;
      case 'text':
        if (typeof v !== 'string' || v.trim().length > 2000) problems.push({ field, message: 'Text up to 2000 characters' });
        else answers[q.id] = v.trim();
        break;
    }
  }
  return { answers, problems };
}

/** The questions answered low (rating ≤ threshold, NPS ≤ LOW_NPS): they open a complaint draft. */
export function lowRatings(questions: readonly SurveyQuestionDto[], answers: Answers, threshold: number): SurveyQuestionDto[] {
  return questions.filter((q) => {
    const v = answers[q.id];
    if (typeof v !== 'number') return false;
    return q.kind === 'rating' ? v <= threshold : q.kind === 'nps' ? v <= LOW_NPS : false;
  });
}

/** Net Promoter Score of 0–10 answers: % promoters (9–10) minus % detractors (0–6), whole; null without answers. */
export function npsOf(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) * 100) / scores.length);
}

const mean = (xs: readonly number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

/** Results of one question over the answers (latest first). */
export function questionResult(q: SurveyQuestionDto, all: readonly Answers[]): QuestionResultDto {
  const values = all.map((a) => a[q.id]).filter((v) => v !== undefined);
  const count = (keys: readonly string[], of: (v: unknown) => string[]): OptionCountDto[] =>
    keys.map((value) => ({ value, count: values.filter((v) => of(v).includes(value)).length }));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
  return {
    id: q.id,
    kind: q.kind,
    text: q.text,
    answers: values.length,
    average: q.kind === 'rating' || q.kind === 'nps' ? mean(numbers) : null,
    nps: q.kind === 'nps' ? npsOf(numbers) : null,
    distribution:
      q.kind === 'rating'
        ? count(range(1, 5), (v) => [String(v)])
        : q.kind === 'nps'
          ? count(range(0, 10), (v) => [String(v)])
          : q.kind === 'text'
            ? []
            : count(q.options ?? [], (v) => (Array.isArray(v) ? (v as string[]) : [String(v)])),
    texts: q.kind === 'text' ? values.filter((v): v is string => typeof v === 'string').slice(0, 50) : [],
  };
}

/** Mean of the 1–5 ratings and NPS of the 0–10 answers in a set of responses. */
export function subjectFigures(questions: readonly SurveyQuestionDto[], all: readonly Answers[]): { averageRating: number | null; nps: number | null } {
  const ratings: number[] = [];
  const scores: number[] = [];
  for (const a of all) {
    for (const q of questions) {
      const v = a[q.id];
      if (typeof v !== 'number') continue;
      if (q.kind === 'rating') ratings.push(v);
      if (q.kind === 'nps') scores.push(v);
    }
  }
  return { averageRating: mean(ratings), nps: npsOf(scores) };
}
