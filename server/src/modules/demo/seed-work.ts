import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { getEntity } from '../../platform/records/descriptor.ts';
import { createRecord } from '../../platform/records/write.ts';
import { setPrices } from '../products/price-list.service.ts';
import { acceptOffer, confirmOrder, documentFromOpportunity, orderFromOffer } from '../sales/documents.service.ts';
import { ensureDefaultPipeline, pipelineStages } from '../sales/pipeline.service.ts';
import { RATE_CURRENCIES, setRates } from '../sales/reports.ts';
import { type Country, DATA, type Random } from './demo-data.ts';

export type Locale = 'en' | 'ro' | 'pl' | 'hu' | 'uk';

/** What the demo's sales and activities are called in the workspace's language. */
interface WorkTexts {
  /** code, name, unit, kind, group, price in EUR */
  products: [string, string, string, 'product' | 'service', string, number][];
  priceList: string;
  events: Record<'call' | 'meeting' | 'visit' | 'email' | 'note', string>;
  tasks: string[];
  contracts: string;
  lost: string;
}

const TEXTS: Record<Locale, WorkTexts> = {
  en: {
    products: [
      ['CRM-STD', 'CRM licence, standard (per user / year)', 'user', 'service', 'Licences', 240],
      ['CRM-PRO', 'CRM licence, professional (per user / year)', 'user', 'service', 'Licences', 420],
      ['IMPL-DAY', 'Implementation consulting (day)', 'day', 'service', 'Services', 560],
      ['TRAIN', 'User training (half day)', 'session', 'service', 'Services', 300],
      ['TAB-10', 'Field sales tablet 10"', 'pcs', 'product', 'Hardware', 390],
      ['SCAN-BC', 'Business card scanner', 'pcs', 'product', 'Hardware', 120],
    ],
    priceList: 'Retail prices',
    events: { call: 'Call with', meeting: 'Meeting with', visit: 'Visit at', email: 'E-mail to', note: 'Note on' },
    tasks: ['Send the offer', 'Call back about the order', 'Prepare the contract', 'Ask for feedback', 'Check the payment', 'Plan the visit'],
    contracts: 'Service contract',
    lost: 'Price too high',
  },
  ro: {
    products: [
      ['CRM-STD', 'Licență CRM standard (utilizator / an)', 'utilizator', 'service', 'Licențe', 240],
      ['CRM-PRO', 'Licență CRM profesional (utilizator / an)', 'utilizator', 'service', 'Licențe', 420],
      ['IMPL-ZI', 'Consultanță implementare (zi)', 'zi', 'service', 'Servicii', 560],
      ['INSTR', 'Instruire utilizatori (jumătate de zi)', 'sesiune', 'service', 'Servicii', 300],
      ['TAB-10', 'Tabletă 10" pentru agenți', 'buc', 'product', 'Echipamente', 390],
      ['SCAN-CV', 'Scaner cărți de vizită', 'buc', 'product', 'Echipamente', 120],
    ],
    priceList: 'Prețuri en-detail',
    events: { call: 'Apel cu', meeting: 'Întâlnire cu', visit: 'Vizită la', email: 'E-mail către', note: 'Notă despre' },
    tasks: ['Trimite oferta', 'Revino despre comandă', 'Pregătește contractul', 'Cere feedback', 'Verifică plata', 'Planifică vizita'],
    contracts: 'Contract de servicii',
    lost: 'Preț prea mare',
  },
  pl: {
    products: [
      ['CRM-STD', 'Licencja CRM standard (użytkownik / rok)', 'użytkownik', 'service', 'Licencje', 240],
      ['CRM-PRO', 'Licencja CRM profesjonalna (użytkownik / rok)', 'użytkownik', 'service', 'Licencje', 420],
      ['WDR-DZ', 'Konsulting wdrożeniowy (dzień)', 'dzień', 'service', 'Usługi', 560],
      ['SZKOL', 'Szkolenie użytkowników (pół dnia)', 'sesja', 'service', 'Usługi', 300],
      ['TAB-10', 'Tablet 10" dla handlowców', 'szt.', 'product', 'Sprzęt', 390],
      ['SKAN-WZ', 'Skaner wizytówek', 'szt.', 'product', 'Sprzęt', 120],
    ],
    priceList: 'Cennik detaliczny',
    events: { call: 'Rozmowa z', meeting: 'Spotkanie z', visit: 'Wizyta w', email: 'E-mail do', note: 'Notatka o' },
    tasks: ['Wyślij ofertę', 'Oddzwoń w sprawie zamówienia', 'Przygotuj umowę', 'Poproś o opinię', 'Sprawdź płatność', 'Zaplanuj wizytę'],
    contracts: 'Umowa serwisowa',
    lost: 'Za wysoka cena',
  },
  hu: {
    products: [
      ['CRM-STD', 'CRM licenc, alap (felhasználó / év)', 'felhasználó', 'service', 'Licencek', 240],
      ['CRM-PRO', 'CRM licenc, professzionális (felhasználó / év)', 'felhasználó', 'service', 'Licencek', 420],
      ['BEV-NAP', 'Bevezetési tanácsadás (nap)', 'nap', 'service', 'Szolgáltatások', 560],
      ['OKTAT', 'Felhasználói oktatás (fél nap)', 'alkalom', 'service', 'Szolgáltatások', 300],
      ['TAB-10', '10"-os tablet üzletkötőknek', 'db', 'product', 'Eszközök', 390],
      ['SZKEN-NK', 'Névjegykártya-szkenner', 'db', 'product', 'Eszközök', 120],
    ],
    priceList: 'Kiskereskedelmi árak',
    events: { call: 'Hívás:', meeting: 'Megbeszélés:', visit: 'Látogatás:', email: 'E-mail:', note: 'Jegyzet:' },
    tasks: ['Ajánlat küldése', 'Visszahívás a rendelés ügyében', 'Szerződés előkészítése', 'Visszajelzés kérése', 'Fizetés ellenőrzése', 'Látogatás tervezése'],
    contracts: 'Szolgáltatási szerződés',
    lost: 'Túl magas ár',
  },
  uk: {
    products: [
      ['CRM-STD', 'Ліцензія CRM стандарт (користувач / рік)', 'користувач', 'service', 'Ліцензії', 240],
      ['CRM-PRO', 'Ліцензія CRM професійна (користувач / рік)', 'користувач', 'service', 'Ліцензії', 420],
      ['VPR-DEN', 'Консалтинг із впровадження (день)', 'день', 'service', 'Послуги', 560],
      ['NAVCH', 'Навчання користувачів (пів дня)', 'сесія', 'service', 'Послуги', 300],
      ['TAB-10', 'Планшет 10" для торгових агентів', 'шт.', 'product', 'Обладнання', 390],
      ['SKAN-VZ', 'Сканер візитівок', 'шт.', 'product', 'Обладнання', 120],
    ],
    priceList: 'Роздрібні ціни',
    events: { call: 'Дзвінок:', meeting: 'Зустріч:', visit: 'Візит:', email: 'Лист:', note: 'Нотатка:' },
    tasks: ['Надіслати пропозицію', 'Передзвонити щодо замовлення', 'Підготувати договір', 'Попросити відгук', 'Перевірити оплату', 'Запланувати візит'],
    contracts: 'Договір обслуговування',
    lost: 'Зависока ціна',
  },
};

/** Euro per unit of each currency of the region (round figures of 2026): the demo's exchange rates. */
const EURO_PER: Record<string, number> = { EUR: 1, RON: 0.2, PLN: 0.233, HUF: 0.0025, UAH: 0.0215, USD: 0.92 };

export interface WorkCounts {
  products: number;
  opportunities: number;
  offers: number;
  orders: number;
  contracts: number;
  events: number;
  tasks: number;
}

export interface DemoPartner {
  id: string;
  name: string;
  country: Country;
  owner: string;
}

/** A record made through the records engine (its rules, audit row and event), by entity name. */
export async function create(db: Kysely<DB>, actor: Actor, entity: string, values: Record<string, unknown>): Promise<string> {
  const descriptor = getEntity(entity);
  if (!descriptor) throw new Error(`demo: entity ${entity} is not registered`);
  return (await createRecord(db, actor, descriptor, values)).id;
}

/** A moment `offsetDays` from today at `hour`:`minute` UTC, as ISO text. */
export const at = (offsetDays: number, hour: number, minute = 0) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
};
const dateIn = (offsetDays: number) => at(offsetDays, 12).slice(0, 10);
const money = (n: number) => n.toFixed(2);

/**
 * The demo's sales and daily work: exchange rates to the workspace currency, a catalogue with a price
 * list, opportunities in every stage of the default pipeline (offers, an accepted offer turned into a
 * confirmed order), contracts ending soon and later, and the colleagues' calls, meetings and tasks —
 * through the same services people use. Deterministic given the random source.
 */
export async function seedWork(
  db: Kysely<DB>,
  actor: Actor,
  r: Random,
  locale: Locale,
  partners: DemoPartner[],
  contactsOf: Map<string, string[]>,
  team: string[],
): Promise<WorkCounts> {
  const text = TEXTS[locale];
  const counts: WorkCounts = { products: 0, opportunities: 0, offers: 0, orders: 0, contracts: 0, events: 0, tasks: 0 };
  const workspace = await db.selectFrom('workspace').select('currency').where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
  const base = workspace.currency;
  const yearStart = `${new Date().getUTCFullYear()}-01-01`;
  const baseEuro = EURO_PER[base] ?? 1;
  await setRates(
    db,
    actor,
    yearStart,
    RATE_CURRENCIES.filter((c) => c !== base).map((c) => ({ currency: c, rate: (EURO_PER[c]! / baseEuro).toFixed(6) })),
  );
  const inCurrency = (euro: number, currency: string) => Math.max(1, Math.round(euro / (EURO_PER[currency] ?? 1)));

  const products: { id: string; name: string; euro: number }[] = [];
  for (const [code, name, unit, kind, productGroup, euro] of text.products) {
    products.push({ id: await create(db, actor, 'product', { code, name, unit, kind, productGroup, cost: money(inCurrency(euro * 0.55, base)), costCurrency: base }), name, euro });
    counts.products++;
  }
  const priceList = await create(db, actor, 'priceList', { name: text.priceList, kind: 'retail', currency: base, validFrom: yearStart });
  await setPrices(db, actor, priceList, products.map((p) => ({ productId: p.id, price: money(inCurrency(p.euro, base)) })));

  // opportunities across the default pipeline: most open, some won, some lost
  const pipelineId = await ensureDefaultPipeline(db, actor.workspaceId, actor.userId);
  const stages = await pipelineStages(db, actor.workspaceId, pipelineId);
  const byOutcome = (o: string) => stages.filter((s) => s.outcome === o);
  const open = byOutcome('open');
  const won = byOutcome('won')[0];
  const lost = byOutcome('lost')[0];
  const opportunities: { id: string; stage: string; partner: DemoPartner; currency: string; lines: { productId: string; quantity: string; unitPrice: string }[] }[] = [];
  for (const [i, partner] of partners.entries()) {
    if (i % 3 !== 0) continue;
    const currency = DATA[partner.country].currency;
    const chosen = [r.pick(products), r.pick(products)].filter((p, k, list) => list.findIndex((q) => q.id === p.id) === k);
    const lines = chosen.map((p) => ({ productId: p.id, quantity: String(r.int(1, 25)), unitPrice: money(inCurrency(p.euro, currency)) }));
    const amount = lines.reduce((sum, l) => sum + Number(l.quantity) * Number(l.unitPrice), 0);
    const roll = r.int(0, 9);
    const stage = roll < 7 ? open[roll % open.length]! : roll === 7 && won ? won : (lost ?? open[0]!);
    const id = await create(db, actor, 'opportunity', {
      name: `${chosen[0]!.name} — ${partner.name}`,
      pipelineId,
      stageId: stage.id,
      partnerId: partner.id,
      contactId: contactsOf.get(partner.id)?.[0] ?? null,
      amount: money(amount),
      currency,
      expectedClose: dateIn(r.int(-20, 120)),
      source: r.pick(['website', 'referral', 'trade fair', 'cold call']),
      ownerId: partner.owner,
      ...(stage.outcome === 'lost' ? { lostReason: text.lost } : {}),
    });
    opportunities.push({ id, stage: stage.id, partner, currency, lines });
    counts.opportunities++;
  }

  // offers where the stage allows them; in negotiation one is accepted and ordered, the order confirmed
  let ordered = 0;
  for (const opp of opportunities) {
    const stage = stages.find((s) => s.id === opp.stage)!;
    if (!stage.allowsDocuments?.includes('offer')) continue;
    const offer = await documentFromOpportunity(db, actor, 'offer', opp.id, { lines: opp.lines, validUntil: dateIn(30) });
    counts.offers++;
    if (stage.allowsDocuments.includes('order') && ordered < 4) {
      await acceptOffer(db, actor, offer.id);
      const order = await orderFromOffer(db, actor, offer.id);
      if (ordered % 2 === 0) await confirmOrder(db, actor, order.id);
      counts.orders++;
      ordered++;
    }
  }

  // contracts: some end within their notice period (reminders due), others later
  for (const [i, partner] of partners.entries()) {
    if (i % 12 !== 1) continue;
    const startsIn = -r.int(200, 700);
    await create(db, actor, 'contract', {
      title: `${text.contracts} — ${partner.name}`,
      partnerId: partner.id,
      value: money(inCurrency(r.int(2, 40) * 1000, DATA[partner.country].currency)),
      currency: DATA[partner.country].currency,
      signedOn: dateIn(startsIn - 3),
      startsOn: dateIn(startsIn),
      endsOn: dateIn(counts.contracts % 2 === 0 ? r.int(10, 45) : r.int(120, 400)),
      renewal: r.pick(['none', 'manual', 'automatic']),
      renewalMonths: 12,
      noticeDays: 30,
      status: 'active',
      ownerId: partner.owner,
    });
    counts.contracts++;
  }

  // the last two months of contact with partners, and what is coming
  const kinds = ['call', 'meeting', 'visit', 'email', 'note'] as const;
  for (const [i, partner] of partners.entries()) {
    if (i % 2 !== 0) continue;
    const n = r.int(1, 3);
    for (let k = 0; k < n; k++) {
      const kind = r.pick(kinds);
      const offset = r.int(-60, 10);
      const hour = r.int(8, 16);
      const minutes = kind === 'meeting' || kind === 'visit' ? r.pick([45, 60, 90]) : kind === 'call' ? r.pick([10, 15, 20, 30]) : 15;
      const starts = at(offset, hour, r.pick([0, 15, 30]));
      await create(db, actor, 'event', {
        kind,
        subject: `${text.events[kind]} ${partner.name}`,
        startsAt: starts,
        endsAt: new Date(new Date(starts).getTime() + minutes * 60_000).toISOString(),
        partnerId: partner.id,
        contactId: contactsOf.get(partner.id)?.[0] ?? null,
        ownerId: partner.owner,
      });
      counts.events++;
    }
  }

  // tasks: some done, some overdue, most ahead — for every colleague
  for (const [i, partner] of partners.entries()) {
    if (i % 3 !== 1) continue;
    const due = r.int(-10, 21);
    const done = due < -2 && r.chance(0.6);
    await create(db, actor, 'task', {
      title: `${r.pick(text.tasks)} — ${partner.name}`,
      type: r.pick(['call', 'meeting', 'offer', 'follow_up', 'other']),
      priority: r.pick(['low', 'normal', 'normal', 'high']),
      partnerId: partner.id,
      startsAt: at(due - 3, 8),
      dueAt: at(due, 15),
      assigneeId: i % 5 === 0 ? r.pick(team) : partner.owner,
      ...(done ? { completedAt: at(due - 1, 11) } : {}),
    });
    counts.tasks++;
  }
  return counts;
}
