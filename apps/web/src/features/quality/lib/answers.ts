/**
 * The answers worth sending: empty ones left out, and a rating still at 0 — the star
 * control reports 0 for "not rated", which the API would refuse as out of range for an
 * optional question the client simply skipped.
 */
export function givenAnswers(questions: ReadonlyArray<{ id: string; kind: string }>, answers: Record<string, unknown>): Record<string, unknown> {
  const kinds = new Map(questions.map((q) => [q.id, q.kind]));
  return Object.fromEntries(
    Object.entries(answers).filter(([id, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && !v.length) && !(kinds.get(id) === 'rating' && v === 0)),
  );
}
