import { vi } from 'vitest';
import type { TokenPairDto, UserDto } from '@/api/types';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function apiError(status: number, code: string, message = code, details?: { field: string; message: string }[]) {
  return json({ statusCode: status, code, message, ...(details ? { details } : {}) }, status);
}

/**
 * Replaces `fetch` with a router over "METHOD /path" keys. Unknown requests answer
 * 404. Returns the mock (its `calls` list every Request).
 */
export function mockApi(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: Request | string | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    requests.push(request);
    const path = new URL(request.url).pathname;
    const handler = routes[`${request.method} ${path}`];
    if (!handler) return apiError(404, 'not_found', `no mock for ${request.method} ${path}`);
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests, count: (key: string) => requests.filter((r) => `${r.method} ${new URL(r.url).pathname}` === key).length };
}

export function makeUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'director@lider.test',
    fullName: 'Петров Пётр Петрович',
    role: 'director',
    position: 'Коммерческий директор',
    phone: '+7 (495) 123-45-67',
    departmentId: null,
    departmentName: null,
    isActive: true,
    assistedManagerIds: [],
    lastLoginAt: null,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function tokens(n: number, user: UserDto = makeUser()): TokenPairDto {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user };
}
