import { validateTaxId } from '../partners/tax-id.ts';

/** A small deterministic random source (mulberry32): the same demo every time. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

export type Country = 'RO' | 'PL' | 'HU' | 'UA';
export const COUNTRIES: Country[] = ['RO', 'PL', 'HU', 'UA'];

interface CountryData {
  currency: string;
  cities: [city: string, county: string, postal: string][];
  streets: string[];
  companyStems: string[];
  companyForms: ((stem: string) => string)[];
  firstNames: { m: string[]; f: string[] };
  lastNames: { m: string[]; f: string[] };
  positions: string[];
  phone: (r: Random) => string;
  domain: string;
  sectors: string[];
}

export const DATA: Record<Country, CountryData> = {
  RO: {
    currency: 'RON',
    cities: [['București', 'B', '010011'], ['Cluj-Napoca', 'CJ', '400001'], ['Iași', 'IS', '700001'], ['Timișoara', 'TM', '300001'], ['Brașov', 'BV', '500001'], ['Constanța', 'CT', '900001'], ['Craiova', 'DJ', '200001'], ['Sibiu', 'SB', '550001']],
    streets: ['Str. Mihai Eminescu', 'Bd. Unirii', 'Calea Victoriei', 'Str. Avram Iancu', 'Bd. Ștefan cel Mare', 'Str. Republicii'],
    companyStems: ['Carpați', 'Dunărea', 'Transilvania', 'Bucovina', 'Oltenia', 'Maramureș', 'Dobrogea', 'Banat', 'Argeș', 'Făgăraș'],
    companyForms: [(s) => `${s} Distribuție SRL`, (s) => `${s} Construct SRL`, (s) => `${s} Impex SRL`, (s) => `${s} Logistic SA`, (s) => `Agro ${s} SRL`, (s) => `${s} Tehnic SRL`],
    firstNames: { m: ['Andrei', 'Mihai', 'Ștefan', 'Radu', 'Cristian', 'Bogdan', 'Vlad', 'Ionuț'], f: ['Ioana', 'Elena', 'Andreea', 'Mihaela', 'Raluca', 'Alexandra', 'Cătălina', 'Irina'] },
    lastNames: { m: ['Popescu', 'Ionescu', 'Dumitrescu', 'Stan', 'Gheorghiu', 'Munteanu', 'Țurcanu', 'Răducanu'], f: ['Popescu', 'Ionescu', 'Dumitrescu', 'Stan', 'Gheorghiu', 'Munteanu', 'Țurcanu', 'Răducanu'] },
    positions: ['Director general', 'Director achiziții', 'Manager vânzări', 'Contabil șef', 'Responsabil logistică', 'Asistent manager'],
    phone: (r) => `+40 7${r.int(20, 89)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    domain: 'ro',
    sectors: ['Construcții', 'Comerț', 'Agricultură', 'Transport', 'Producție', 'IT'],
  },
  PL: {
    currency: 'PLN',
    cities: [['Warszawa', 'mazowieckie', '00-001'], ['Kraków', 'małopolskie', '30-001'], ['Łódź', 'łódzkie', '90-001'], ['Wrocław', 'dolnośląskie', '50-001'], ['Poznań', 'wielkopolskie', '60-001'], ['Gdańsk', 'pomorskie', '80-001'], ['Katowice', 'śląskie', '40-001']],
    streets: ['ul. Marszałkowska', 'ul. Piotrkowska', 'ul. Długa', 'al. Jerozolimskie', 'ul. Świętokrzyska', 'ul. Grunwaldzka'],
    companyStems: ['Wisła', 'Mazowsze', 'Pomorze', 'Śląsk', 'Tatry', 'Bałtyk', 'Warta', 'Podhale', 'Kaszuby', 'Żuławy'],
    companyForms: [(s) => `${s} Sp. z o.o.`, (s) => `${s} Handel Sp. z o.o.`, (s) => `${s} Budownictwo S.A.`, (s) => `Przedsiębiorstwo ${s} Sp. z o.o.`, (s) => `${s} Logistyka Sp. z o.o.`],
    firstNames: { m: ['Piotr', 'Tomasz', 'Krzysztof', 'Paweł', 'Łukasz', 'Michał', 'Grzegorz', 'Jakub'], f: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Magdalena', 'Joanna', 'Żaneta', 'Ewa'] },
    lastNames: { m: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański'], f: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska'] },
    positions: ['Prezes zarządu', 'Kierownik zakupów', 'Dyrektor handlowy', 'Główna księgowa', 'Specjalista ds. logistyki', 'Asystentka zarządu'],
    phone: (r) => `+48 ${r.int(500, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    domain: 'pl',
    sectors: ['Budownictwo', 'Handel', 'Rolnictwo', 'Transport', 'Produkcja', 'IT'],
  },
  HU: {
    currency: 'HUF',
    cities: [['Budapest', 'Budapest', '1011'], ['Debrecen', 'Hajdú-Bihar', '4024'], ['Szeged', 'Csongrád-Csanád', '6720'], ['Pécs', 'Baranya', '7621'], ['Győr', 'Győr-Moson-Sopron', '9021'], ['Miskolc', 'Borsod-Abaúj-Zemplén', '3525']],
    streets: ['Andrássy út', 'Váci utca', 'Kossuth Lajos utca', 'Petőfi Sándor utca', 'Rákóczi út', 'Széchenyi tér'],
    companyStems: ['Duna', 'Tisza', 'Balaton', 'Mátra', 'Pannon', 'Alföld', 'Bakony', 'Hortobágy', 'Őrség', 'Zemplén'],
    companyForms: [(s) => `${s} Kft.`, (s) => `${s} Kereskedelmi Kft.`, (s) => `${s} Építő Zrt.`, (s) => `${s}-Agro Kft.`, (s) => `${s} Logisztika Kft.`],
    firstNames: { m: ['László', 'Gábor', 'Zoltán', 'Péter', 'István', 'Attila', 'Bence', 'Ádám'], f: ['Katalin', 'Eszter', 'Zsófia', 'Anna', 'Éva', 'Krisztina', 'Réka', 'Judit'] },
    lastNames: { m: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár'], f: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár'] },
    positions: ['Ügyvezető igazgató', 'Beszerzési vezető', 'Értékesítési igazgató', 'Főkönyvelő', 'Logisztikai vezető', 'Irodavezető'],
    phone: (r) => `+36 ${r.pick(['20', '30', '70'])} ${r.int(100, 999)} ${r.int(1000, 9999)}`,
    domain: 'hu',
    sectors: ['Építőipar', 'Kereskedelem', 'Mezőgazdaság', 'Szállítás', 'Gyártás', 'IT'],
  },
  UA: {
    currency: 'UAH',
    cities: [['Київ', 'Київська', '01001'], ['Львів', 'Львівська', '79000'], ['Харків', 'Харківська', '61000'], ['Одеса', 'Одеська', '65000'], ['Дніпро', 'Дніпропетровська', '49000'], ['Вінниця', 'Вінницька', '21000']],
    streets: ['вул. Хрещатик', 'просп. Свободи', 'вул. Шевченка', 'вул. Грушевського', 'вул. Січових Стрільців', 'просп. Перемоги'],
    companyStems: ['Дніпро', 'Карпати', 'Поділля', 'Таврія', 'Полісся', 'Волинь', 'Буковина', 'Слобожанщина', 'Галичина', 'Запоріжжя'],
    companyForms: [(s) => `ТОВ «${s}»`, (s) => `ТОВ «${s} Агро»`, (s) => `ПрАТ «${s}буд»`, (s) => `ТОВ «${s} Логістик»`, (s) => `ТОВ «${s} Трейд»`],
    firstNames: { m: ['Олександр', 'Тарас', 'Андрій', 'Богдан', 'Дмитро', 'Юрій', 'Сергій', 'Василь'], f: ['Олена', 'Наталія', 'Ірина', 'Оксана', 'Юлія', 'Катерина', 'Тетяна', 'Світлана'] },
    lastNames: { m: ['Шевченко', 'Коваленко', 'Бондаренко', 'Мельник', 'Ткаченко', 'Кравченко', 'Олійник', 'Лисенко'], f: ['Шевченко', 'Коваленко', 'Бондаренко', 'Мельник', 'Ткаченко', 'Кравченко', 'Олійник', 'Лисенко'] },
    positions: ['Генеральний директор', 'Начальник відділу закупівель', 'Комерційний директор', 'Головний бухгалтер', 'Менеджер з логістики', 'Офіс-менеджер'],
    phone: (r) => `+380 ${r.pick(['50', '67', '63', '97'])} ${r.int(100, 999)} ${r.int(1000, 9999)}`,
    domain: 'ua',
    sectors: ['Будівництво', 'Торгівля', 'Сільське господарство', 'Транспорт', 'Виробництво', 'ІТ'],
  },
};

/** A valid tax ID of a company of the country: random digits, the check digit by the real rule. */
export function companyTaxId(country: Country, r: Random): string {
  for (;;) {
    let candidate: string;
    switch (country) {
      case 'RO':
        candidate = `${r.int(1_000_000, 49_999_999)}`;
        break;
      case 'PL':
        candidate = `${r.int(100_000_000, 999_999_999)}`;
        break;
      case 'HU':
        candidate = `${r.int(1_000_000, 2_999_999)}`;
        break;
      case 'UA':
        candidate = `${r.int(1_000_000, 2_999_999)}`.padStart(7, '0');
        break;
    }
    for (let d = 0; d < 10; d++) {
      const value = country === 'HU' ? `${candidate}${d}-2-${r.pick(['41', '42', '13', '44'])}` : `${candidate}${d}`;
      const result = validateTaxId(country, country === 'RO' ? `RO${value}` : value);
      if (result.ok) return result.normalized;
    }
  }
}

/** An IBAN with real check digits (ISO 13616 mod 97) for a bank code and account. */
export function iban(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase().replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(rearranged) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

export function romanianIban(r: Random): string {
  const account = Array.from({ length: 16 }, () => r.pick('0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split(''))).join('');
  return iban('RO', `${r.pick(['RNCB', 'BTRL', 'BRDE', 'INGB'])}${account}`);
}

/** ASCII for e-mail addresses: no diacritics, Ukrainian transliterated. */
export function asciiSlug(text: string): string {
  const translit: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l',
    м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', ł: 'l',
  };
  return [...text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()].map((c) => translit[c] ?? c).join('').replace(/[^a-z0-9]+/g, '');
}
