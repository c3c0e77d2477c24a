import type { CustomFieldDefinition } from '../../platform/records/custom-fields.ts';
import type { EntityDescriptor, FieldType } from '../../platform/records/descriptor.ts';
import type { Cell } from './read-file.ts';

/** Entities a file can be imported into. */
export const IMPORTABLE = ['partner', 'contact'] as const;
export type ImportableEntity = (typeof IMPORTABLE)[number];

/** Where a column's values go: a field, a custom field (`custom.key`) or a link (`partner` of a contact). */
export interface ImportTarget {
  key: string;
  type: FieldType | 'link';
  required: boolean;
  /** enum values, or a custom select's options */
  values?: string[];
  custom?: CustomFieldDefinition;
  /** the field is a reference found by name or e-mail (users, groups, org units) */
  reference?: string;
}

/** Fields of the entity a file can fill: writable, not hidden, not structured JSON. */
export function importTargets(entity: EntityDescriptor, customFields: CustomFieldDefinition[]): ImportTarget[] {
  const targets: ImportTarget[] = entity.fields
    .filter((f) => !f.readOnly && !f.hidden && f.type !== 'json' && f.type !== 'uuid')
    .map((f) => ({
      key: f.name,
      type: f.type,
      required: f.required === true,
      ...(f.values ? { values: [...f.values] } : {}),
      ...(f.type === 'reference' ? { reference: f.to } : {}),
    }));
  if (entity.name === 'contact') targets.push({ key: 'partner', type: 'link', required: false, reference: 'partner' });
  for (const def of customFields) {
    targets.push({ key: `custom.${def.key}`, type: 'string', required: def.required, custom: def, ...(def.options ? { values: def.options } : {}) });
  }
  return targets;
}

/** Lower case, no diacritics, Ukrainian transliterated, only letters and digits: how headers and names compare. */
export function normalizeLabel(text: string): string {
  const translit: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
    к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
    ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', ы: 'y', э: 'e', ъ: '', ё: 'e', "'": '', ł: 'l', đ: 'd', ß: 'ss',
  };
  return [...text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((c) => translit[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

// What columns are called in the five languages (and by other CRMs and accounting programs).
const PARTNER_HEADERS: Record<string, string[]> = {
  name: ['name', 'company', 'company name', 'organisation', 'organization', 'partner', 'customer', 'nume', 'denumire', 'firma', 'societate', 'client', 'nazwa', 'nazwa firmy', 'kontrahent', 'klient', 'név', 'cégnév', 'cég', 'ügyfél', 'назва', 'компанія', 'організація', 'контрагент', 'найменування', 'клієнт'],
  legalName: ['legal name', 'full name', 'denumire legala', 'denumire completa', 'pełna nazwa', 'nazwa pełna', 'teljes név', 'hivatalos név', 'повна назва', 'юридична назва'],
  kind: ['kind', 'type', 'tip', 'typ', 'típus', 'тип'],
  status: ['status', 'stage', 'stare', 'stadiu', 'stan', 'etap', 'állapot', 'státusz', 'статус', 'стадія'],
  taxId: ['tax id', 'vat', 'vat id', 'vat number', 'tax number', 'cui', 'cif', 'cod fiscal', 'cod unic', 'cui cif', 'nip', 'numer nip', 'adószám', 'közösségi adószám', 'єдрпоу', 'код єдрпоу', 'рнокпп', 'іпн', 'податковий номер'],
  tradeRegister: ['trade register', 'registration number', 'nr reg com', 'nr registrul comertului', 'reg com', 'krs', 'numer krs', 'cégjegyzékszám', 'номер реєстрації'],
  country: ['country', 'țara', 'tara', 'kraj', 'ország', 'країна'],
  county: ['county', 'region', 'state', 'județ', 'judet', 'województwo', 'megye', 'область', 'регіон'],
  city: ['city', 'town', 'locality', 'oraș', 'localitate', 'localitatea', 'miasto', 'miejscowość', 'város', 'település', 'місто', 'населений пункт'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'cod postal', 'kod pocztowy', 'irányítószám', 'поштовий індекс', 'індекс'],
  street: ['street', 'address', 'street address', 'adresa', 'adresă', 'strada', 'ulica', 'adres', 'cím', 'utca', 'вулиця', 'адреса'],
  phone: ['phone', 'telephone', 'tel', 'phone number', 'telefon', 'numer telefonu', 'telefonszám', 'телефон'],
  email: ['email', 'e-mail', 'mail', 'email address', 'adresa de email', 'adres email', 'e-mail cím', 'електронна пошта', 'ел пошта'],
  website: ['website', 'web', 'site', 'www', 'web site', 'pagina web', 'strona', 'strona www', 'weboldal', 'honlap', 'сайт', 'вебсайт'],
  iban: ['iban', 'bank account', 'account', 'cont', 'cont bancar', 'cont iban', 'konto', 'numer konta', 'rachunek', 'bankszámlaszám', 'bankszámla', 'рахунок', 'розрахунковий рахунок'],
  bic: ['bic', 'swift', 'bic swift', 'swift code'],
  bankName: ['bank', 'bank name', 'banca', 'banka', 'nazwa banku', 'bank neve', 'банк'],
  sector: ['sector', 'industry', 'domeniu', 'domeniu de activitate', 'industrie', 'branża', 'ágazat', 'iparág', 'tevékenység', 'галузь', 'сектор'],
  employees: ['employees', 'staff', 'number of employees', 'angajați', 'angajati', 'nr angajați', 'pracownicy', 'liczba pracowników', 'alkalmazottak', 'létszám', 'працівники', 'кількість працівників'],
  turnover: ['turnover', 'revenue', 'sales', 'cifra de afaceri', 'cifră de afaceri', 'obrót', 'przychód', 'árbevétel', 'forgalom', 'оборот', 'виручка'],
  turnoverCurrency: ['currency', 'monedă', 'moneda', 'valuta', 'waluta', 'pénznem', 'deviza', 'валюта'],
  leadSource: ['lead source', 'source', 'origin', 'sursa', 'sursă', 'sursa lead', 'źródło', 'źródło leada', 'forrás', 'джерело'],
  groupId: ['group', 'partner group', 'grup', 'grupa', 'csoport', 'група'],
  campaignId: ['campaign', 'campanie', 'campania', 'kampania', 'kampány', 'кампанія'],
  categories: ['categories', 'category', 'categorii', 'categorie', 'kategorie', 'kategoria', 'kategóriák', 'kategória', 'категорії', 'категорія'],
  tags: ['tags', 'labels', 'etichete', 'tagi', 'etykiety', 'címkék', 'теги', 'мітки'],
  ownerId: ['account manager', 'owner', 'salesperson', 'responsabil', 'agent', 'agent vânzări', 'opiekun', 'handlowiec', 'felelős', 'üzletkötő', 'менеджер', 'відповідальний'],
  deputyId: ['deputy', 'înlocuitor', 'zastępca', 'helyettes', 'заступник'],
  orgUnitId: ['org unit', 'department', 'branch', 'departament', 'filiala', 'dział', 'oddział', 'részleg', 'osztály', 'відділ', 'підрозділ'],
  notes: ['notes', 'note', 'comments', 'remarks', 'observații', 'observatii', 'mențiuni', 'uwagi', 'notatki', 'megjegyzés', 'megjegyzések', 'примітки', 'нотатки', 'коментар'],
};

const CONTACT_HEADERS: Record<string, string[]> = {
  firstName: ['first name', 'given name', 'firstname', 'prenume', 'imię', 'imie', 'keresztnév', 'utónév', "ім'я", 'імя'],
  lastName: ['last name', 'surname', 'family name', 'lastname', 'nume', 'nume de familie', 'nazwisko', 'vezetéknév', 'családnév', 'прізвище'],
  position: ['position', 'job title', 'title', 'role', 'funcție', 'functie', 'post', 'stanowisko', 'beosztás', 'pozíció', 'посада'],
  email: PARTNER_HEADERS.email!,
  phone: PARTNER_HEADERS.phone!,
  mobile: ['mobile', 'mobile phone', 'cell', 'cell phone', 'mobil', 'telefon mobil', 'komórka', 'telefon komórkowy', 'mobiltelefon', 'мобільний', 'мобільний телефон'],
  birthday: ['birthday', 'date of birth', 'birth date', 'data nașterii', 'data nasterii', 'ziua de naștere', 'data urodzenia', 'urodziny', 'születésnap', 'születési dátum', 'дата народження', 'день народження'],
  nameDay: ['name day', 'ziua onomastică', 'imieniny', 'névnap', 'іменини'],
  categories: PARTNER_HEADERS.categories!,
  city: PARTNER_HEADERS.city!,
  country: PARTNER_HEADERS.country!,
  consentEmail: ['consent', 'email consent', 'newsletter', 'acord', 'acord email', 'gdpr', 'zgoda', 'zgoda marketingowa', 'rodo', 'hozzájárulás', 'згода'],
  ownerId: PARTNER_HEADERS.ownerId!,
  notes: PARTNER_HEADERS.notes!,
  partner: ['company', 'company name', 'organisation', 'organization', 'partner', 'firma', 'companie', 'societate', 'nazwa firmy', 'kontrahent', 'cég', 'cégnév', 'компанія', 'організація', 'контрагент'],
};

const HEADERS: Record<ImportableEntity, Map<string, string>> = {
  partner: index(PARTNER_HEADERS),
  contact: index(CONTACT_HEADERS),
};

function index(table: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, names] of Object.entries(table)) {
    map.set(normalizeLabel(key), key);
    for (const name of names) if (!map.has(normalizeLabel(name))) map.set(normalizeLabel(name), key);
  }
  return map;
}

/**
 * A target for each column where its header names one (in any of the five languages, or a custom
 * field's label or key); each target is used once, the first column winning.
 */
export function suggestMapping(entity: ImportableEntity, headers: string[], targets: ImportTarget[]): (string | null)[] {
  const known = new Set(targets.map((t) => t.key));
  const custom = new Map<string, string>();
  for (const t of targets) {
    if (!t.custom) continue;
    custom.set(normalizeLabel(t.custom.key), t.key);
    for (const label of Object.values(t.custom.label)) if (label) custom.set(normalizeLabel(label), t.key);
  }
  const used = new Set<string>();
  return headers.map((header) => {
    const n = normalizeLabel(header);
    const key = HEADERS[entity].get(n) ?? custom.get(n) ?? null;
    if (!key || !known.has(key) || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/** The normalised headers of a file: a saved mapping applies to files whose headers are the same. */
export const headerSignature = (headers: string[]) => headers.map(normalizeLabel);

// ---- cell values -------------------------------------------------------------------------------

export type Converted = { value: unknown } | { error: string };

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'da', 'tak', 'igen', 'i', 'так', 'ano'].map(normalizeLabel));
const FALSE = new Set(['false', 'no', 'n', '0', 'nu', 'nie', 'nem', 'ні', 'ne'].map(normalizeLabel));

const ENUM_WORDS: Record<string, Record<string, string[]>> = {
  status: {
    lead: ['lead', 'business card', 'carte de vizită', 'potențial', 'wizytówka', 'névjegy', 'névjegykártya', 'візитка', 'лід'],
    prospect: ['prospect', 'potential customer', 'client potențial', 'prospekt', 'potencjalny klient', 'potenciális ügyfél', 'потенційний клієнт'],
    customer: ['customer', 'client', 'active', 'activ', 'klient', 'aktywny', 'ügyfél', 'vevő', 'aktív', 'клієнт', 'активний'],
    inactive: ['inactive', 'inactiv', 'nieaktywny', 'inaktív', 'неактивний'],
  },
  kind: {
    company: ['company', 'business', 'legal entity', 'companie', 'firmă', 'persoană juridică', 'pj', 'firma', 'osoba prawna', 'cég', 'vállalkozás', 'jogi személy', 'компанія', 'юридична особа', 'юо'],
    person: ['person', 'individual', 'private person', 'persoană fizică', 'pf', 'osoba fizyczna', 'magánszemély', 'természetes személy', 'фізична особа', 'фо'],
  },
};

/** "1 234,56", "1.234,56", "1,234.56", "1250" → "1234.56"; a single comma is a decimal comma. */
export function parseDecimal(raw: string): string | null {
  let s = raw.replace(/[\s\u00a0\u202f']/g, '').replace(/^([+-]?)(?:[A-Za-z€$£]{1,3}|zł|Ft|lei|грн)/, '$1').replace(/(?:[A-Za-z€$£]{1,3}|zł|Ft|lei|грн)$/, '');
  if (!/^[+-]?[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    s = s.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    s = s.split(',').length > 2 ? s.split(',').join('') : s.replace(',', '.');
  } else if (s.split('.').length > 2) s = s.split('.').join('');
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return null;
  return s.replace(/^\+/, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1800 || y > 2200) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** ISO dates, day.month.year (RO, PL, UA), year. month. day. (HU), day/month/year; real calendar days only. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?(?:\s.*)?$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

const text = (cell: Cell): string => {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/**
 * A cell as the value its target takes, or the reason it cannot be one (an i18n key the web app
 * shows in the reader's language). Empty cells give undefined: the field is left alone.
 */
export function convertCell(target: ImportTarget, cell: Cell): Converted {
  const raw = text(cell);
  if (raw === '') return { value: undefined };
  const type = target.custom ? customType(target.custom.type) : target.type;
  switch (type) {
    case 'integer':
    case 'number': {
      if (typeof cell === 'number') return type === 'integer' && !Number.isInteger(cell) ? { error: 'import.errors.integer' } : { value: cell };
      const d = parseDecimal(raw);
      if (d === null) return { error: 'import.errors.number' };
      if (type === 'integer' && !/^-?\d+$/.test(d)) return { error: 'import.errors.integer' };
      return { value: Number(d) };
    }
    case 'money': {
      const d = typeof cell === 'number' ? String(cell) : parseDecimal(raw);
      if (d === null) return { error: 'import.errors.number' };
      return { value: d };
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return { value: cell };
      const n = normalizeLabel(raw);
      if (TRUE.has(n)) return { value: true };
      if (FALSE.has(n)) return { value: false };
      return { error: 'import.errors.boolean' };
    }
    case 'date': {
      if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10) };
      const d = parseDate(raw);
      return d ? { value: d } : { error: 'import.errors.date' };
    }
    case 'datetime': {
      const ms = Date.parse(raw);
      return Number.isNaN(ms) ? { error: 'import.errors.date' } : { value: new Date(ms).toISOString() };
    }
    case 'enum':
      return enumValue(target, raw);
    case 'tags': {
      const items = [...new Set(raw.split(/[,;|]/).map((s) => s.trim()).filter(Boolean))];
      if (target.custom) {
        const options = target.values ?? [];
        const picked = items.map((i) => options.find((o) => normalizeLabel(o) === normalizeLabel(i)));
        return picked.some((p) => p === undefined) ? { error: 'import.errors.option' } : { value: picked };
      }
      return { value: items };
    }
    case 'url':
      return { value: /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}` };
    case 'email':
      return { value: raw.toLowerCase() };
    default:
      return { value: raw };
  }
}

function customType(type: CustomFieldDefinition['type']): FieldType | 'tags' {
  switch (type) {
    case 'number':
      return 'number';
    case 'money':
      return 'money';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'select':
      return 'enum';
    case 'multiselect':
      return 'tags';
    case 'email':
      return 'email';
    case 'url':
      return 'url';
    default:
      return 'string';
  }
}

function enumValue(target: ImportTarget, raw: string): Converted {
  const n = normalizeLabel(raw);
  const values = target.values ?? [];
  const exact = values.find((v) => normalizeLabel(v) === n);
  if (exact) return { value: exact };
  const words = ENUM_WORDS[target.key];
  if (words) {
    for (const [value, names] of Object.entries(words)) if (values.includes(value) && names.some((w) => normalizeLabel(w) === n)) return { value };
  }
  return { error: 'import.errors.option' };
}
