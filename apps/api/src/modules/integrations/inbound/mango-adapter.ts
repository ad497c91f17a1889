import { ValidationFailedError } from '../../../common/errors/domain-error';
import type { CallEvent } from './inbound.service';

/**
 * Mango Office «events/summary» → a call event. Mapping written from the fields Mango
 * documents for the summary it posts when a call ends:
 *
 * | Mango field            | meaning                                    | here              |
 * |------------------------|--------------------------------------------|-------------------|
 * | entry_id               | the call's id                              | externalId        |
 * | call_direction         | 0 internal, 1 incoming, 2 outgoing         | direction (0: ignored) |
 * | from.number / to.number| the two parties' numbers                   | the client's side |
 * | create_time            | unix seconds, the call began               | startedAt         |
 * | talk_time / end_time   | unix seconds, talk began (0: never) / ended| durationSeconds   |
 * | entry_result           | 1 answered, 0 not                          | missed            |
 *
 * Returns null for an internal call. The summary carries no recording link.
 */
export function fromMangoSummary(json: string): CallEvent | null {
  let s: Record<string, unknown>;
  try {
    s = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new ValidationFailedError([{ field: 'json', message: 'not valid JSON' }]);
  }
  if (typeof s !== 'object' || s === null) throw new ValidationFailedError([{ field: 'json', message: 'must be an object' }]);
  const direction = Number(s.call_direction);
  if (direction === 0) return null;
  if (direction !== 1 && direction !== 2) throw new ValidationFailedError([{ field: 'json.call_direction', message: 'must be 0, 1 or 2' }]);
  const entryId = s.entry_id;
  if (typeof entryId !== 'string' && typeof entryId !== 'number') throw new ValidationFailedError([{ field: 'json.entry_id', message: 'is required' }]);
  const party = (direction === 1 ? s.from : s.to) as { number?: unknown } | undefined;
  const number = party && (typeof party.number === 'string' || typeof party.number === 'number') ? String(party.number) : '';
  if (!number) throw new ValidationFailedError([{ field: direction === 1 ? 'json.from.number' : 'json.to.number', message: 'is required' }]);
  const created = Number(s.create_time);
  if (!Number.isFinite(created) || created <= 0) throw new ValidationFailedError([{ field: 'json.create_time', message: 'must be unix seconds' }]);
  const talk = Number(s.talk_time) || 0;
  const end = Number(s.end_time) || 0;
  const answered = Number(s.entry_result) === 1 && talk > 0;
  return {
    provider: 'mango',
    externalId: String(entryId).slice(0, 200),
    direction: direction === 1 ? 'incoming' : 'outgoing',
    missed: !answered,
    // Mango sends numbers without a plus (74951234567); the phone rule reads them either way.
    clientPhone: number,
    startedAt: new Date(created * 1000),
    durationSeconds: answered && end > talk ? end - talk : 0,
    recordingUrl: null,
  };
}
