import { t, te } from '@/i18n';

/** The translated name of a role; an unknown role is shown as sent. */
export function roleLabel(role: string | null | undefined): string {
  if (!role) return '';
  const key = `roles.${role}`;
  return te(key) ? t(key) : role;
}

/** Initials for an avatar: "Иванов Иван Иванович" → "ИИ". */
export function initials(fullName: string | null | undefined): string {
  if (!fullName) return '?';
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return (parts.slice(0, 2).map((p) => p[0]?.toUpperCase() ?? '').join('') || '?');
}

/**
 * How a Russian office addresses a colleague: by first name and patronymic
 * («Фамилия Имя Отчество» → «Имя Отчество»); without a patronymic, by first name.
 */
export function addressName(fullName: string | null | undefined): string {
  const parts = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length >= 3) return `${parts[1]} ${parts[2]}`;
  if (parts.length === 2) return parts[1];
  return parts[0] ?? '';
}
