import { beforeEach, describe, expect, it, vi } from 'vitest';

const messageSpy = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: messageSpy }));

import {
  ApiError,
  errorMessage,
  fieldMessage,
  isStaleVersion,
  NetworkError,
  normalizeField,
  toApiError,
  unwrap,
  useFormErrors,
} from '@/api/errors';
import { setLocale } from '@/i18n';

beforeEach(() => {
  setLocale('ru');
  messageSpy.mockClear();
});

describe('toApiError', () => {
  it('reads the API error body', () => {
    const err = toApiError(
      { statusCode: 400, code: 'validation_failed', message: 'Invalid input: email', details: [{ field: 'email', message: 'bad' }] },
      400,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.details).toEqual([{ field: 'email', message: 'bad' }]);
  });

  it('derives a code from the status when the body is not JSON', () => {
    const err = toApiError('<html>Bad gateway</html>', 502);
    expect(err.code).toBe('http_error');
    expect(toApiError(undefined, 429).code).toBe('too_many_requests');
    expect(toApiError('', 413).code).toBe('payload_too_large');
  });
});

describe('errorMessage', () => {
  it('translates known codes into Russian', () => {
    expect(errorMessage(new ApiError(401, 'invalid_credentials', 'Invalid e-mail or password'))).toBe(
      'Неверный e-mail или пароль',
    );
    expect(errorMessage(new ApiError(429, 'too_many_requests', 'Too many'))).toBe(
      'Слишком много попыток, попробуйте позже',
    );
    expect(errorMessage(new ApiError(409, 'stale_version', 'changed'))).toBe(
      'Запись изменена другим пользователем, обновите страницу',
    );
  });

  it('follows the language switch', () => {
    setLocale('en');
    expect(errorMessage(new ApiError(401, 'invalid_credentials', 'x'))).toBe('Wrong e-mail or password');
  });

  it('never shows or parses the server\'s English text: an unknown code gets a generic text', () => {
    expect(errorMessage(new ApiError(422, 'some_new_rule', 'Server explains it'))).toBe('Ошибка сервера (422). Повторите попытку позже.');
    expect(errorMessage(new ApiError(500, 'weird', ''))).toBe('Ошибка сервера (500). Повторите попытку позже.');
    expect(errorMessage(new NetworkError())).toMatch(/Сервер недоступен/);
    expect(errorMessage(new Error('boom'))).toMatch(/Непредвиденная ошибка/);
  });

  it('translates field errors it knows; in Russian never shows the server\'s English for the rest', () => {
    expect(fieldMessage('duplicate', 'email', 'This e-mail is already used')).toBe('Этот e-mail уже используется');
    expect(fieldMessage('duplicate', 'code', 'Code taken')).toBe('Проверьте значение');
    setLocale('en');
    expect(fieldMessage('duplicate', 'code', 'Code taken')).toBe('Code taken');
  });

  it('recognises stale versions', () => {
    expect(isStaleVersion(new ApiError(409, 'stale_version', ''))).toBe(true);
    expect(isStaleVersion(new ApiError(409, 'conflict', ''))).toBe(true);
    expect(isStaleVersion(new ApiError(409, 'duplicate', ''))).toBe(false);
    expect(isStaleVersion(new ApiError(400, 'validation_failed', ''))).toBe(false);
  });
});

describe('unwrap', () => {
  it('returns data of a successful call', async () => {
    const data = await unwrap(Promise.resolve({ data: { ok: 1 }, response: new Response('{}', { status: 200 }) }));
    expect(data).toEqual({ ok: 1 });
  });

  it('throws ApiError for an error response and NetworkError when fetch fails', async () => {
    await expect(
      unwrap(
        Promise.resolve({
          error: { statusCode: 404, code: 'not_found', message: 'User not found' },
          response: new Response('', { status: 404 }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ApiError', code: 'not_found', status: 404 });
    await expect(unwrap(Promise.reject(new TypeError('Failed to fetch')))).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('useFormErrors', () => {
  it('normalises field paths', () => {
    expect(normalizeField('email')).toBe('email');
    expect(normalizeField('managerIds[0]')).toBe('managerIds');
    expect(normalizeField('lines.0.price')).toBe('lines');
    expect(normalizeField('body.fullName')).toBe('fullName');
  });

  it('puts field errors at the fields and shows no toast when all are placed', () => {
    const form = useFormErrors({ fields: ['email', 'fullName'] });
    form.apply(
      new ApiError(400, 'validation_failed', 'Invalid input', [
        { field: 'email', message: 'email must be an e-mail address' },
        { field: 'fullName', message: 'too short' },
      ]),
    );
    expect(form.errors.email).toBe('Введите корректный e-mail');
    expect(form.errors.fullName).toBe('Введите ФИО (от 2 до 200 символов)');
    expect(messageSpy).not.toHaveBeenCalled();
  });

  it('shows the translated server field message for a duplicate e-mail', () => {
    const form = useFormErrors({ fields: ['email'] });
    form.apply(new ApiError(409, 'duplicate', 'exists', [{ field: 'email', message: 'This e-mail is already used' }]));
    expect(form.errors.email).toBe('Этот e-mail уже используется');
  });

  it('sends errors of unknown fields and errors without details to a toast', () => {
    const form = useFormErrors({ fields: ['email'] });
    form.apply(new ApiError(400, 'validation_failed', 'Invalid', [{ field: 'other', message: 'nope' }]));
    expect(form.errors.other).toBeUndefined();
    expect(messageSpy).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error', message: 'Проверьте правильность заполнения полей: Проверьте значение' }),
    );

    messageSpy.mockClear();
    form.apply(new ApiError(403, 'forbidden', 'Your role may not do this'));
    expect(messageSpy).toHaveBeenCalledWith(expect.objectContaining({ message: 'Недостаточно прав для этого действия' }));
  });

  it('lets a form override the toast (409 in an edit dialog) and clears old errors', () => {
    const form = useFormErrors({ message: (e) => (isStaleVersion(e) ? 'STALE' : undefined) });
    form.apply(new ApiError(400, 'validation_failed', 'x', [{ field: 'phone', message: 'bad phone' }]));
    expect(form.errors.phone).toBeTruthy();
    form.apply(new ApiError(409, 'stale_version', 'changed'));
    expect(form.errors.phone).toBeUndefined();
    expect(messageSpy).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'STALE' }));
  });
});

describe('every API error code has a message in each language', () => {
  it('covers the ErrorCode enum of the OpenAPI schema, in Russian and English, and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../../openapi/openapi.json'), 'utf8')) as {
      components: { schemas: { ErrorCode: { enum: string[] } } };
    };
    const codes = schema.components.schemas.ErrorCode.enum;
    expect(codes.length).toBeGreaterThan(100);
    const { i18n } = await import('@/i18n');
    for (const locale of ['ru', 'en'] as const) {
      const messages = i18n.global.getLocaleMessage(locale) as { errors: { codes: Record<string, string> } };
      expect(Object.keys(messages.errors.codes).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(messages.errors.codes[code]).toMatch(/\S/);
    }
    setLocale('ru');
    expect(errorMessage(new ApiError(422, 'same_stage', 'x'))).toBe('Сделка уже на этом этапе');
    setLocale('en');
    expect(errorMessage(new ApiError(422, 'same_stage', 'x'))).toBe('The deal is already at this stage');
  });
});
