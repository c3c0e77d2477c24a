import { ACTIONS, type Grants, type Scope } from '../../platform/access/actor.ts';
import { AREAS } from '../../platform/access/areas.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { newId } from '../../platform/ids.ts';

type Locale = 'en' | 'ro' | 'pl' | 'hu' | 'uk';
export type DefaultRoleKey = 'administrator' | 'manager' | 'salesRep' | 'readOnly';

const BUSINESS_AREAS = AREAS.filter((a) => a !== 'admin');
const every = (scope: Scope) => Object.fromEntries(ACTIONS.map((a) => [a, scope]));
const own = { read: 'own', create: 'own', update: 'own', delete: 'own' } as const;

/** The roles every new workspace starts with; administrators adapt them afterwards. */
const DEFAULT_ROLES: Record<DefaultRoleKey, { grants: Grants; name: Record<Locale, string>; description: Record<Locale, string> }> = {
  administrator: {
    grants: { '*': every('all') },
    name: { en: 'Administrator', ro: 'Administrator', pl: 'Administrator', hu: 'Adminisztrátor', uk: 'Адміністратор' },
    description: {
      en: 'Everything, in every area',
      ro: 'Totul, în toate zonele',
      pl: 'Wszystko we wszystkich obszarach',
      hu: 'Minden, minden területen',
      uk: 'Усе в усіх розділах',
    },
  },
  manager: {
    // reads the whole company, changes what their team (org unit and below) owns; no administration
    grants: Object.fromEntries(BUSINESS_AREAS.map((area) => [area, { ...every('team'), read: 'all' }])),
    name: { en: 'Manager', ro: 'Manager', pl: 'Kierownik', hu: 'Vezető', uk: 'Керівник' },
    description: {
      en: 'Reads everything; changes the records of their team',
      ro: 'Vede tot; modifică înregistrările echipei sale',
      pl: 'Widzi wszystko; zmienia rekordy swojego zespołu',
      hu: 'Mindent lát; a csapata rekordjait módosítja',
      uk: 'Бачить усе; змінює записи своєї команди',
    },
  },
  salesRep: {
    grants: { partners: { ...own, read: 'all', export: 'own' }, activities: own, sales: own },
    name: { en: 'Sales rep', ro: 'Agent de vânzări', pl: 'Handlowiec', hu: 'Értékesítő', uk: 'Менеджер з продажу' },
    description: {
      en: 'Own partners, activities and deals; reads every partner',
      ro: 'Propriii parteneri, activități și oportunități; vede toți partenerii',
      pl: 'Własni partnerzy, działania i szanse; widzi wszystkich partnerów',
      hu: 'Saját partnerek, tevékenységek és üzletek; minden partnert lát',
      uk: 'Власні партнери, активності та угоди; бачить усіх партнерів',
    },
  },
  readOnly: {
    grants: Object.fromEntries(BUSINESS_AREAS.map((area) => [area, { read: 'all' }])),
    name: { en: 'Read-only', ro: 'Doar citire', pl: 'Tylko odczyt', hu: 'Csak olvasás', uk: 'Лише перегляд' },
    description: {
      en: 'Reads every record; changes nothing',
      ro: 'Vede toate înregistrările; nu modifică nimic',
      pl: 'Widzi wszystkie rekordy; niczego nie zmienia',
      hu: 'Minden rekordot lát; semmit sem módosít',
      uk: 'Бачить усі записи; нічого не змінює',
    },
  },
};

export const DEFAULT_ROLE_KEYS = Object.keys(DEFAULT_ROLES) as DefaultRoleKey[];

/** The grants of a default role (for tests and the setup flow). */
export const defaultRoleGrants = (key: DefaultRoleKey): Grants => DEFAULT_ROLES[key].grants;

/**
 * Creates the default roles (Administrator, Manager, Sales rep, Read-only) of a new workspace in the
 * caller's transaction, named in the workspace's language, each with its audit row and event.
 * A role whose name already exists in the workspace is kept as it is (calling twice adds nothing).
 * Returns the role ids by key, e.g. to give the first user the Administrator role.
 */
export async function seedDefaultRoles(
  trx: Trx,
  workspaceId: string,
  options: { locale?: string; actorId?: string | null } = {},
): Promise<Record<DefaultRoleKey, string>> {
  const locale = (['en', 'ro', 'pl', 'hu', 'uk'].includes(options.locale ?? '') ? options.locale : 'en') as Locale;
  const existing = await trx
    .selectFrom('role')
    .select(['id', 'name'])
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .execute();
  const byName = new Map(existing.map((r) => [r.name, r.id]));
  const ids = {} as Record<DefaultRoleKey, string>;
  for (const key of DEFAULT_ROLE_KEYS) {
    const role = DEFAULT_ROLES[key];
    const name = role.name[locale];
    const found = byName.get(name);
    if (found) {
      ids[key] = found;
      continue;
    }
    const id = newId();
    const description = role.description[locale];
    await trx
      .insertInto('role')
      .values({ id, workspaceId, name, description, grants: JSON.stringify(role.grants), createdBy: options.actorId ?? null, updatedBy: options.actorId ?? null })
      .execute();
    await recordChange(trx, {
      workspaceId,
      entity: 'role',
      recordId: id,
      action: 'created',
      actorId: options.actorId ?? null,
      changes: { name: [null, name], description: [null, description], grants: [null, role.grants] },
    });
    ids[key] = id;
  }
  return ids;
}
