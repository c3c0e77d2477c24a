import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadActor } from '../../platform/access/load-actor.ts';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { seedDefaultRoles } from '../admin/role.service.ts';
import { createUser } from '../admin/user.service.ts';
import { linkContact } from '../partners/partner-contact.service.ts';
import { asciiSlug, COUNTRIES, type Country, companyTaxId, DATA, type Random, romanianIban, seededRandom } from './demo-data.ts';
import { at, create, type Locale, seedWork, type WorkCounts } from './seed-work.ts';

export const DEMO_QUEUE = 'demo.seed';
/** Everyone in the demo signs in with this password (shown by the CLI and the setup page). */
export const DEMO_PASSWORD = 'kontakt-demo-2026';

const T: Record<Locale, { units: Record<Country | 'HQ', string>; groups: string[]; resources: [string, 'room' | 'car' | 'equipment'][]; meeting: string }> = {
  en: { units: { HQ: 'Head office', RO: 'Sales Romania', PL: 'Sales Poland', HU: 'Sales Hungary', UA: 'Sales Ukraine' }, groups: ['Distributors', 'Key accounts', 'Suppliers'], resources: [['Large meeting room', 'room'], ['Dacia Duster B-01-KTK', 'car'], ['Projector', 'equipment']], meeting: 'Meeting with' },
  ro: { units: { HQ: 'Sediul central', RO: 'Vânzări România', PL: 'Vânzări Polonia', HU: 'Vânzări Ungaria', UA: 'Vânzări Ucraina' }, groups: ['Distribuitori', 'Clienți cheie', 'Furnizori'], resources: [['Sala mare de ședințe', 'room'], ['Dacia Duster B-01-KTK', 'car'], ['Videoproiector', 'equipment']], meeting: 'Întâlnire cu' },
  pl: { units: { HQ: 'Centrala', RO: 'Sprzedaż Rumunia', PL: 'Sprzedaż Polska', HU: 'Sprzedaż Węgry', UA: 'Sprzedaż Ukraina' }, groups: ['Dystrybutorzy', 'Kluczowi klienci', 'Dostawcy'], resources: [['Duża sala konferencyjna', 'room'], ['Dacia Duster B-01-KTK', 'car'], ['Projektor', 'equipment']], meeting: 'Spotkanie z' },
  hu: { units: { HQ: 'Központ', RO: 'Értékesítés Románia', PL: 'Értékesítés Lengyelország', HU: 'Értékesítés Magyarország', UA: 'Értékesítés Ukrajna' }, groups: ['Viszonteladók', 'Kulcsügyfelek', 'Beszállítók'], resources: [['Nagy tárgyaló', 'room'], ['Dacia Duster B-01-KTK', 'car'], ['Projektor', 'equipment']], meeting: 'Találkozó:' },
  uk: { units: { HQ: 'Головний офіс', RO: 'Продажі Румунія', PL: 'Продажі Польща', HU: 'Продажі Угорщина', UA: 'Продажі Україна' }, groups: ['Дистриб’ютори', 'Ключові клієнти', 'Постачальники'], resources: [['Велика переговорна', 'room'], ['Dacia Duster B-01-KTK', 'car'], ['Проєктор', 'equipment']], meeting: 'Зустріч з' },
};

const SOURCES = ['website', 'referral', 'trade fair', 'cold call', 'data provider'];
const STATUSES = ['lead', 'prospect', 'customer', 'customer', 'customer', 'inactive'] as const;
const TAGS = ['vip', 'export', 'newsletter', 'tender', 'wholesale'];
const CATEGORIES = ['A', 'B', 'C'];

export interface DemoCounts extends WorkCounts {
  orgUnits: number;
  users: number;
  partnerGroups: number;
  partners: number;
  contacts: number;
  resources: number;
  reservations: number;
}

const person = (r: Random, country: Country) => {
  const female = r.chance(0.5);
  const d = DATA[country];
  return { firstName: r.pick(female ? d.firstNames.f : d.firstNames.m), lastName: r.pick(female ? d.lastNames.f : d.lastNames.m) };
};

/**
 * Fills a workspace with a company of the region: org units, colleagues (who sign in with
 * DEMO_PASSWORD), partner groups, 120 partners of four countries with valid tax IDs, their contacts,
 * resources and bookings, and their sales and daily work (seed-work.ts: catalogue, opportunities,
 * offers, orders, contracts, events, tasks) — through the same services as people use, so every rule, audit row, search
 * entry and timeline applies. The same data every time (seeded random); a workspace is filled once.
 */
export async function seedDemo(db: Kysely<DB>, workspaceId: string, actorUserId: string): Promise<{ skipped: boolean; counts: DemoCounts | null }> {
  const done = await db.selectFrom('demoSeed').select('counts').where('workspaceId', '=', workspaceId).executeTakeFirst();
  if (done) return { skipped: true, counts: done.counts as unknown as DemoCounts };
  // one transaction: the demo lands whole or not at all
  return db.transaction().execute((trx) => fill(trx, workspaceId, actorUserId));
}

async function fill(db: Kysely<DB>, workspaceId: string, actorUserId: string): Promise<{ skipped: boolean; counts: DemoCounts | null }> {
  const actor = await loadActor(db, actorUserId, 'session');
  if (!actor || actor.workspaceId !== workspaceId || !actor.isAdmin) throw new AppError('FORBIDDEN', 'Demo data is added by an administrator of the workspace');
  const workspace = await db.selectFrom('workspace').select(['locale', 'slug']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const locale = (workspace.locale in T ? workspace.locale : 'en') as Locale;
  const text = T[locale];
  const r = seededRandom(2026);
  const counts: DemoCounts = {
    orgUnits: 0, users: 0, partnerGroups: 0, partners: 0, contacts: 0, resources: 0, reservations: 0,
    products: 0, opportunities: 0, offers: 0, orders: 0, contracts: 0, events: 0, tasks: 0,
  };

  // claim the workspace first: a second run (another process, a retried job) waits here, then stops
  const claimed = await db.insertInto('demoSeed').values({ workspaceId }).onConflict((oc) => oc.column('workspaceId').doNothing()).returning('workspaceId').executeTakeFirst();
  if (!claimed) return { skipped: true, counts: null };

  const roles = await seedDefaultRoles(db as Trx, workspaceId, { locale, actorId: actor.userId });
  const hq = await create(db, actor, 'orgUnit', { name: text.units.HQ, code: 'HQ' });
  counts.orgUnits++;
  const team: Record<Country, string[]> = { RO: [], PL: [], HU: [], UA: [] };
  const userLocale: Record<Country, Locale> = { RO: 'ro', PL: 'pl', HU: 'hu', UA: 'uk' };
  const mailDomain = `${asciiSlug(workspace.slug) || 'demo'}.demo.kontakt.example`;
  for (const country of COUNTRIES) {
    const unit = await create(db, actor, 'orgUnit', { name: text.units[country], code: `SALES-${country}`, parentId: hq });
    counts.orgUnits++;
    for (let i = 0; i < 2; i++) {
      const p = person(r, country);
      const id = await createUser(db, actor, {
        name: `${p.firstName} ${p.lastName}`,
        email: `${asciiSlug(p.firstName)}.${asciiSlug(p.lastName)}.${i}@${mailDomain}`,
        password: DEMO_PASSWORD,
        locale: userLocale[country],
        orgUnitId: unit,
        position: i === 0 ? 'Sales manager' : 'Account manager',
        phone: DATA[country].phone(r),
        isAdmin: false,
        roleIds: [i === 0 ? roles.manager : roles.salesRep],
        groupIds: [],
      });
      team[country].push(id);
      counts.users++;
    }
  }

  const groups: string[] = [];
  for (const name of text.groups) {
    groups.push(await create(db, actor, 'partnerGroup', { name }));
    counts.partnerGroups++;
  }

  const usedNames = new Set<string>();
  const partners: { id: string; name: string; country: Country; owner: string }[] = [];
  for (const country of COUNTRIES) {
    const d = DATA[country];
    for (let i = 0; i < 30; i++) {
      let name = r.pick(d.companyForms)(r.pick(d.companyStems));
      for (let tries = 0; usedNames.has(name); tries++) {
        name = r.pick(d.companyForms)(r.pick(d.companyStems));
        if (tries > 20) name = `${name} ${r.int(2, 99)}`;
      }
      usedNames.add(name);
      const [city, county, postalCode] = r.pick(d.cities);
      const [owner, deputy] = r.chance(0.5) ? team[country] : [...team[country]].reverse();
      const status = r.pick(STATUSES);
      const id = await create(db, actor, 'partner', {
        name,
        kind: 'company',
        status,
        country,
        county,
        city,
        postalCode,
        street: `${r.pick(d.streets)} ${r.int(1, 180)}`,
        taxId: companyTaxId(country, r),
        ...(country === 'RO' ? { iban: romanianIban(r) } : {}),
        email: `office@${asciiSlug(name).slice(0, 24)}.${d.domain}`,
        phone: d.phone(r),
        website: `https://www.${asciiSlug(name).slice(0, 24)}.${d.domain}`,
        sector: r.pick(d.sectors),
        employees: r.int(3, 900),
        turnover: `${r.int(50, 90_000)}000.00`,
        turnoverCurrency: d.currency,
        leadSource: r.pick(SOURCES),
        groupId: r.chance(0.6) ? r.pick(groups) : null,
        categories: [r.pick(CATEGORIES)],
        tags: r.chance(0.5) ? [r.pick(TAGS)] : [],
        ownerId: owner,
        deputyId: deputy,
      });
      partners.push({ id, name, country, owner: owner! });
      counts.partners++;
    }
  }

  const contactsOf = new Map<string, string[]>();
  for (const partner of partners) {
    const d = DATA[partner.country];
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      const p = person(r, partner.country);
      const position = r.pick(d.positions);
      const contactId = await create(db, actor, 'contact', {
        ...p,
        position,
        email: `${asciiSlug(p.firstName)}.${asciiSlug(p.lastName)}@${asciiSlug(partner.name).slice(0, 24)}.${d.domain}`,
        phone: d.phone(r),
        birthday: `${r.int(1960, 1998)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        city: null,
        country: partner.country,
        consentEmail: r.chance(0.6),
        ownerId: partner.owner,
      });
      await linkContact(db, actor, partner.id, contactId, { role: position, isPrimary: i === 0 });
      contactsOf.set(partner.id, [...(contactsOf.get(partner.id) ?? []), contactId]);
      counts.contacts++;
    }
  }

  const resources: string[] = [];
  for (const [name, kind] of text.resources) {
    resources.push(await create(db, actor, 'resource', { name, kind, location: text.units.HQ, ...(kind === 'room' ? { capacity: 12 } : {}) }));
    counts.resources++;
  }
  for (let i = 0; i < 6; i++) {
    const partner = r.pick(partners);
    await create(db, actor, 'reservation', {
      resourceId: resources[i % resources.length],
      title: `${text.meeting} ${partner.name}`,
      startsAt: at(1 + i, 8 + (i % 3) * 2),
      endsAt: at(1 + i, 9 + (i % 3) * 2),
      partnerId: partner.id,
      ownerId: partner.owner,
    });
    counts.reservations++;
  }

  Object.assign(counts, await seedWork(db, actor, r, locale, partners, contactsOf, Object.values(team).flat()));

  await db.updateTable('demoSeed').set({ counts: JSON.stringify(counts) }).where('workspaceId', '=', workspaceId).execute();
  return { skipped: false, counts };
}
