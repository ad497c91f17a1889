import { RuleViolationError } from '../../../common/errors/domain-error';

/** What a placeholder can show about one recipient. */
export interface RecipientData {
  client: { name: string; city: string | null };
  contact: { fullName: string; position: string | null };
  manager: { name: string; email: string; phone: string | null };
  unsubscribeUrl: string;
}

/** Every placeholder a template may use; anything else is refused before sending. */
export const PLACEHOLDERS: Record<string, (r: RecipientData) => string> = {
  'client.name': (r) => r.client.name,
  'client.city': (r) => r.client.city ?? '',
  'contact.fullName': (r) => r.contact.fullName,
  // Full names are kept as «Фамилия Имя Отчество»: the first name is the second word.
  'contact.firstName': (r) => firstName(r.contact.fullName),
  'contact.firstAndMiddleName': (r) => r.contact.fullName.trim().split(/\s+/).slice(1).join(' ') || r.contact.fullName,
  'contact.position': (r) => r.contact.position ?? '',
  'manager.name': (r) => r.manager.name,
  'manager.email': (r) => r.manager.email,
  'manager.phone': (r) => r.manager.phone ?? '',
  'unsubscribe.url': (r) => r.unsubscribeUrl,
};

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

function firstName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words.length >= 2 ? words[1] : words[0];
}

/** 422 naming the field and the first unknown placeholder of each template part. */
export function checkPlaceholders(parts: Record<string, string | undefined>): void {
  const problems: Array<{ field: string; message: string }> = [];
  for (const [field, text] of Object.entries(parts)) {
    if (text === undefined) continue;
    for (const m of text.matchAll(PATTERN)) {
      if (!PLACEHOLDERS[m[1]]) {
        problems.push({ field, message: `Unknown placeholder {{${m[1]}}}; known: ${Object.keys(PLACEHOLDERS).join(', ')}` });
        break;
      }
    }
  }
  if (problems.length) throw new RuleViolationError('unknown_placeholder', `Unknown placeholder in ${problems.map((p) => p.field).join(', ')}`, problems);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Fills the placeholders; values are HTML-escaped in the HTML part. */
export function render(template: string, data: RecipientData, html: boolean): string {
  return template.replace(PATTERN, (_, name: string) => {
    const value = PLACEHOLDERS[name]?.(data) ?? '';
    return html ? escapeHtml(value) : value;
  });
}
