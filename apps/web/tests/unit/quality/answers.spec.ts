import { describe, expect, it } from 'vitest';
import { givenAnswers } from '@/features/quality/lib/answers';

describe('givenAnswers', () => {
  const questions = [
    { id: 'q1', kind: 'rating' },
    { id: 'q2', kind: 'nps' },
    { id: 'q3', kind: 'multiple' },
    { id: 'q4', kind: 'text' },
    { id: 'q5', kind: 'rating' },
  ];

  it('leaves out an untouched star rating (0) and empty answers, keeps an NPS of 0', () => {
    expect(givenAnswers(questions, { q1: 0, q2: 0, q3: [], q4: '', q5: 4 })).toEqual({ q2: 0, q5: 4 });
  });

  it('keeps every real answer as given', () => {
    expect(givenAnswers(questions, { q1: 1, q2: 10, q3: ['Цена'], q4: 'Быстро' })).toEqual({ q1: 1, q2: 10, q3: ['Цена'], q4: 'Быстро' });
  });
});
