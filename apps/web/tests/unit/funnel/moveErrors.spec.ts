import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '@/api/errors';
import { MOVE_ERROR_CODES, moveErrorMessage, moveFailureKind } from '@/features/funnel/lib/moveErrors';
import { funnelCodeMessage } from '@/features/funnel/lib/formErrors';
import { setLocale } from '@/i18n';

const refused = (code: string) => new ApiError(422, code, 'server text in English');

describe('move errors → messages', () => {
  it('has a Russian message for every refusal code of the funnel', () => {
    setLocale('ru');
    const expected: Record<(typeof MOVE_ERROR_CODES)[number], string> = {
      same_stage: 'Сделка уже на этом этапе',
      back_more_than_one_stage: 'Вернуть сделку можно только на один этап назад',
      won_only_from_last_stage: 'Успешно закрыть сделку можно только с последнего этапа воронки',
      loss_reason_required: 'Для проигранной сделки укажите причину и комментарий',
      deal_closed: 'Сделка закрыта: вернуть её в работу может только руководитель отдела продаж или директор',
      stage_inactive: 'Этот этап больше не используется',
      signed_contract_required: 'Для передачи в монтаж нужен подписанный договор по сделке',
      loss_reason_not_found: 'Такой причины проигрыша нет в справочнике',
    };
    for (const code of MOVE_ERROR_CODES) expect(moveErrorMessage(refused(code))).toBe(expected[code]);
  });

  it('translates to English too', () => {
    setLocale('en');
    expect(moveErrorMessage(refused('won_only_from_last_stage'))).toBe('A deal can be won only from the last stage of the funnel');
    setLocale('ru');
  });

  it('reloads on a stale version and puts the card back on a refusal', () => {
    const stale = new ApiError(409, 'stale_version', 'Deal was changed');
    expect(moveFailureKind(stale)).toBe('stale');
    expect(moveErrorMessage(stale)).toMatch(/изменил другой пользователь/);
    expect(moveFailureKind(refused('same_stage'))).toBe('refused');
    expect(moveFailureKind(new NetworkError())).toBe('other');
  });

  it('falls back to the app-wide messages, and to a generic Russian message for a code it does not know (never the server\'s English)', () => {
    expect(moveErrorMessage(new ApiError(403, 'forbidden', 'Forbidden'))).toBe('Недостаточно прав, чтобы переносить эту сделку');
    expect(moveErrorMessage(new ApiError(422, 'brand_new_rule', 'Some new rule'))).toBe('Ошибка сервера (422). Повторите попытку позже.');
    expect(moveErrorMessage(new NetworkError())).toBe('Сервер недоступен. Проверьте подключение и повторите попытку.');
  });

  it('translates the other funnel rule codes for forms', () => {
    expect(funnelCodeMessage(new ApiError(422, 'contract_not_draft', 'x'))).toBe('Изменить или подписать можно только черновик договора');
    expect(funnelCodeMessage(new ApiError(422, 'unknown_code', 'x'))).toBeNull();
  });
});
