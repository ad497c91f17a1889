import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Changes the signed-in user's password (a refusal comes back as ApiError with its code and fields). */
export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  unwrap(api.POST('/api/auth/change-password', { body: { currentPassword, newPassword } }));
