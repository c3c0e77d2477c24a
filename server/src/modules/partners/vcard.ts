/**
 * vCard 4.0 (RFC 6350) for contacts: escaped values, CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 character, so phones and mail programs read names in every script.
 */
export interface VCardContact {
  id: string;
  firstName?: string | null;
  lastName: string;
  fullName?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  position?: string | null;
  organization?: string | null;
  birthday?: string | null;
  city?: string | null;
  country?: string | null;
  categories?: string[] | null;
  messaging?: Record<string, string> | null;
  notes?: string | null;
  updatedAt?: string | null;
}

// Backslash, newline and comma always; semicolon only inside compound values (N, ADR), per RFC 6350 3.4.
const escapeText = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,');
const escapePart = (value: string) => escapeText(value).replace(/;/g, '\\;');

/** Folds one content line into 75-octet pieces, never inside a multi-byte character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function toVCard(c: VCardContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0'];
  const full = c.fullName ?? [c.firstName, c.lastName].filter(Boolean).join(' ');
  lines.push(`FN:${escapeText(full)}`);
  lines.push(`N:${escapePart(c.lastName)};${escapePart(c.firstName ?? '')};;;`);
  if (c.organization) lines.push(`ORG:${escapeText(c.organization)}`);
  if (c.position) lines.push(`TITLE:${escapeText(c.position)}`);
  if (c.email) lines.push(`EMAIL;TYPE=work:${escapeText(c.email)}`);
  if (c.phone) lines.push(`TEL;VALUE=uri;TYPE=work:tel:${c.phone.replace(/[^\d+]/g, '')}`);
  if (c.mobile) lines.push(`TEL;VALUE=uri;TYPE=cell:tel:${c.mobile.replace(/[^\d+]/g, '')}`);
  if (c.city || c.country) lines.push(`ADR;TYPE=work:;;;${escapePart(c.city ?? '')};;;${escapePart(c.country ?? '')}`);
  if (c.birthday) lines.push(`BDAY:${c.birthday.replace(/-/g, '')}`);
  if (c.categories?.length) lines.push(`CATEGORIES:${c.categories.map(escapeText).join(',')}`);
  for (const [service, handle] of Object.entries(c.messaging ?? {})) {
    if (handle) lines.push(`IMPP;TYPE=${escapeText(service)}:${escapeText(`${service}:${handle}`)}`);
  }
  if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
  lines.push(`UID:urn:uuid:${c.id}`);
  if (c.updatedAt) lines.push(`REV:${c.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`);
  lines.push('END:VCARD');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
