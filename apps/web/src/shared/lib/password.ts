/** The API's minimum password length (CreateUserDto / ResetPasswordDto / ChangePasswordDto). */
export const PASSWORD_MIN = 8;

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A readable random temporary password (no 0/O, 1/l/I look-alikes). */
export function generatePassword(length = 12): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
