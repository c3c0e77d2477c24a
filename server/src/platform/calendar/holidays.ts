/** Countries whose public holidays the calendar knows. */
export const HOLIDAY_COUNTRIES = ['RO', 'PL', 'HU', 'UA'] as const;
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number];

export interface Holiday {
  /** ISO date */
  date: string;
  /** stable key (i18n, tests) */
  key: string;
  /** the name in the country's language */
  name: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const plus = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** Easter Sunday of the Western churches (Gregorian computus, Meeus/Jones/Butcher). */
export function westernEaster(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** Easter Sunday of the Orthodox churches (Julian computus), as a Gregorian date (1900–2099: +13 days). */
export function orthodoxEaster(year: number): Date {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julianToGregorian = Math.floor(year / 100) - Math.floor(year / 400) - 2;
  return plus(utc(year, month, day), julianToGregorian);
}

type Rule = [key: string, name: string, date: (year: number) => Date | null];
const fixed = (m: number, d: number, from?: number) => (y: number) => (from && y < from ? null : utc(y, m, d));

const RULES: Record<HolidayCountry, Rule[]> = {
  // Codul muncii, art. 139
  RO: [
    ['newYear', 'Anul Nou', fixed(1, 1)],
    ['newYear2', 'A doua zi de Anul Nou', fixed(1, 2)],
    ['epiphany', 'Boboteaza', fixed(1, 6, 2024)],
    ['stJohn', 'Sfântul Ioan Botezătorul', fixed(1, 7, 2024)],
    ['unification', 'Ziua Unirii Principatelor Române', fixed(1, 24)],
    ['goodFriday', 'Vinerea Mare', (y) => plus(orthodoxEaster(y), -2)],
    ['easter', 'Paștele', orthodoxEaster],
    ['easterMonday', 'A doua zi de Paște', (y) => plus(orthodoxEaster(y), 1)],
    ['labour', 'Ziua Muncii', fixed(5, 1)],
    ['children', 'Ziua Copilului', fixed(6, 1)],
    ['pentecost', 'Rusaliile', (y) => plus(orthodoxEaster(y), 49)],
    ['pentecostMonday', 'A doua zi de Rusalii', (y) => plus(orthodoxEaster(y), 50)],
    ['assumption', 'Adormirea Maicii Domnului', fixed(8, 15)],
    ['stAndrew', 'Sfântul Andrei', fixed(11, 30)],
    ['national', 'Ziua Națională a României', fixed(12, 1)],
    ['christmas', 'Crăciunul', fixed(12, 25)],
    ['christmas2', 'A doua zi de Crăciun', fixed(12, 26)],
  ],
  // Ustawa o dniach wolnych od pracy
  PL: [
    ['newYear', 'Nowy Rok', fixed(1, 1)],
    ['epiphany', 'Święto Trzech Króli', fixed(1, 6)],
    ['easter', 'Wielkanoc', westernEaster],
    ['easterMonday', 'Poniedziałek Wielkanocny', (y) => plus(westernEaster(y), 1)],
    ['labour', 'Święto Pracy', fixed(5, 1)],
    ['constitution', 'Święto Konstytucji 3 Maja', fixed(5, 3)],
    ['pentecost', 'Zielone Świątki', (y) => plus(westernEaster(y), 49)],
    ['corpusChristi', 'Boże Ciało', (y) => plus(westernEaster(y), 60)],
    ['assumption', 'Wniebowzięcie Najświętszej Maryi Panny', fixed(8, 15)],
    ['allSaints', 'Wszystkich Świętych', fixed(11, 1)],
    ['independence', 'Narodowe Święto Niepodległości', fixed(11, 11)],
    ['christmasEve', 'Wigilia Bożego Narodzenia', fixed(12, 24, 2025)],
    ['christmas', 'Boże Narodzenie', fixed(12, 25)],
    ['christmas2', 'Drugi dzień Bożego Narodzenia', fixed(12, 26)],
  ],
  // Munka törvénykönyve, 102. §
  HU: [
    ['newYear', 'Újév', fixed(1, 1)],
    ['revolution1848', 'Nemzeti ünnep (1848)', fixed(3, 15)],
    ['goodFriday', 'Nagypéntek', (y) => plus(westernEaster(y), -2)],
    ['easter', 'Húsvétvasárnap', westernEaster],
    ['easterMonday', 'Húsvéthétfő', (y) => plus(westernEaster(y), 1)],
    ['labour', 'A munka ünnepe', fixed(5, 1)],
    ['pentecost', 'Pünkösdvasárnap', (y) => plus(westernEaster(y), 49)],
    ['pentecostMonday', 'Pünkösdhétfő', (y) => plus(westernEaster(y), 50)],
    ['stStephen', 'Államalapítás ünnepe', fixed(8, 20)],
    ['revolution1956', 'Nemzeti ünnep (1956)', fixed(10, 23)],
    ['allSaints', 'Mindenszentek', fixed(11, 1)],
    ['christmas', 'Karácsony', fixed(12, 25)],
    ['christmas2', 'Karácsony másnapja', fixed(12, 26)],
  ],
  // Кодекс законів про працю, ст. 73 (as amended in 2023; under martial law they are not days off)
  UA: [
    ['newYear', 'Новий рік', fixed(1, 1)],
    ['womensDay', 'Міжнародний жіночий день', fixed(3, 8)],
    ['easter', 'Великдень', orthodoxEaster],
    ['labour', 'День праці', fixed(5, 1)],
    ['victory', 'День пам’яті та перемоги над нацизмом', fixed(5, 8, 2023)],
    ['trinity', 'Трійця', (y) => plus(orthodoxEaster(y), 49)],
    ['constitution', 'День Конституції України', fixed(6, 28)],
    ['statehood', 'День Української Державності', fixed(7, 15, 2024)],
    ['independence', 'День незалежності України', fixed(8, 24)],
    ['defenders', 'День захисників і захисниць України', fixed(10, 1, 2023)],
    ['christmas', 'Різдво Христове', fixed(12, 25)],
  ],
};

/** The public holidays of a country in a year, in date order. */
export function publicHolidays(country: HolidayCountry, year: number): Holiday[] {
  return RULES[country]
    .flatMap(([key, name, date]) => {
      const d = date(year);
      return d ? [{ date: iso(d), key, name }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
