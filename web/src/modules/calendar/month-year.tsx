import { useTranslation } from 'react-i18next';
import { localeTag } from '../../app/format.ts';
import type { CalendarItem } from './calendar-api.ts';
import { dayKey, itemsOfDay, monthMatrix, sameDay, weekdayOrder } from './calendar-grid.ts';

const MAX_IN_CELL = 3;
const MONTHS = Array.from({ length: 12 }, (_, m) => m);

/** The cells of a mini-month with stable keys (blank cells named by their place). */
const cellsOf = (year: number, month: number, firstDay: number) =>
  monthMatrix(year, month, firstDay)
    .flat()
    .map((day, position) => ({ day, key: day ? dayKey(day) : `blank-${month}-${position}` }));

const weekdayNames = (tag: string, firstDay: number, style: 'short' | 'narrow') => {
  const format = new Intl.DateTimeFormat(tag, { weekday: style });
  // 2024-01-01 was a Monday
  return weekdayOrder(firstDay).map((d) => ({ weekday: d, name: format.format(new Date(2024, 0, d)) }));
};

interface MonthProps {
  days: Date[];
  anchor: Date;
  firstDay: number;
  items: CalendarItem[];
  holidays: Map<string, string>;
  colorOf: (item: CalendarItem) => string;
  onDay: (day: Date) => void;
  onOpen: (item: CalendarItem) => void;
}

/** The month: whole weeks, up to three items a day and how many more; a day's number opens that day. */
export function MonthView({ days, anchor, firstDay, items, holidays, colorOf, onDay, onOpen }: MonthProps) {
  const { t, i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  const today = new Date();
  return (
    <div className="kc-month" data-testid="calendar-month">
      {weekdayNames(tag, firstDay, 'short').map(({ weekday, name }) => (
        <div key={weekday} className="kc-month-weekday">
          {name}
        </div>
      ))}
      {days.map((day) => {
        const list = itemsOfDay(
          items.map((i) => ({ ...i, start: new Date(i.startsAt), end: new Date(i.endsAt) })),
          day,
        );
        const key = dayKey(day);
        return (
          <div
            key={key}
            className={`kc-month-cell${day.getMonth() !== anchor.getMonth() ? ' kc-outside' : ''}${holidays.has(key) ? ' kc-holiday' : ''}`}
            data-testid={`calendar-month-day-${key}`}
          >
            <button type="button" className={`kc-daynum${sameDay(day, today) ? ' kc-today' : ''}`} onClick={() => onDay(day)} aria-label={new Intl.DateTimeFormat(tag, { dateStyle: 'full' }).format(day)}>
              {day.getDate()}
            </button>
            {holidays.has(key) && <div className="kc-holiday-name">{holidays.get(key)}</div>}
            {list.slice(0, MAX_IN_CELL).map((i) => (
              <button
                type="button"
                key={i.key}
                className={`kc-chip${i.busy ? ' kc-busy' : ''}`}
                style={{ borderLeftColor: colorOf(i) }}
                onClick={() => !i.busy && onOpen(i)}
                data-testid="calendar-item"
                data-kind={i.kind}
                data-user={i.userId ?? ''}
              >
                <span className="kc-chip-time">{time.format(i.kind === 'task' ? i.end : i.start)}</span> {i.busy ? t('calendar.busy') : i.title}
              </button>
            ))}
            {list.length > MAX_IN_CELL && (
              <button type="button" className="kc-more" onClick={() => onDay(day)}>
                {t('calendar.more', { count: list.length - MAX_IN_CELL })}
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

interface YearProps {
  year: number;
  firstDay: number;
  items: CalendarItem[];
  holidays: Map<string, string>;
  onDay: (day: Date) => void;
}

/** Twelve small months; days with entries are marked, holidays in red; a day opens the day view. */
export function YearView({ year, firstDay, items, holidays, onDay }: YearProps) {
  const { t, i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  const monthName = new Intl.DateTimeFormat(tag, { month: 'long' });
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full' });
  const counts = new Map<string, number>();
  for (const i of items) {
    const key = dayKey(new Date(i.startsAt));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const today = new Date();
  const names = weekdayNames(tag, firstDay, 'narrow');
  return (
    <div className="kc-year" data-testid="calendar-year">
      {MONTHS.map((month) => (
        <div key={`m${month}`} className="kc-mini">
          <div className="kc-mini-title">{monthName.format(new Date(year, month, 1))}</div>
          <div className="kc-mini-grid">
            {names.map(({ weekday, name }) => (
              <div key={weekday} className="kc-mini-weekday">
                {name}
              </div>
            ))}
            {cellsOf(year, month, firstDay).map(({ day, key }) => {
                if (!day) return <div key={key} />;
                const count = counts.get(key) ?? 0;
                const holiday = holidays.get(key);
                return (
                  <button
                    type="button"
                    key={key}
                    className={`kc-mini-day${count ? ' kc-has' : ''}${holiday ? ' kc-holiday' : ''}${sameDay(day, today) ? ' kc-today' : ''}`}
                    onClick={() => onDay(day)}
                    title={[holiday, count ? t('calendar.entries', { count }) : null].filter(Boolean).join(' · ')}
                    aria-label={`${full.format(day)}${holiday ? `, ${holiday}` : ''}${count ? `, ${t('calendar.entries', { count })}` : ''}`}
                    data-testid={`calendar-year-day-${key}`}
                  >
                    {day.getDate()}
                  </button>
                );
              })}
          </div>
        </div>
      ))}
    </div>
  );
}
