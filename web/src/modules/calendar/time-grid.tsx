import { type PointerEvent as ReactPointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeTag } from '../../app/format.ts';
import type { CalendarItem } from './calendar-api.ts';
import { addDays, atMinutes, dayKey, isAllDay, isoWeekday, isWorkingTime, itemsOfDay, layoutDay, minutesInDay, sameDay, snapMinutes } from './calendar-grid.ts';

export const HOUR_PX = 44;
const PX_PER_MIN = HOUR_PX / 60;

export interface GridColumn {
  day: Date;
  /** set in side-by-side mode: the one person whose items this column shows */
  userId: string | null;
  label: string | null;
}

interface Props {
  columns: GridColumn[];
  items: CalendarItem[];
  colorOf: (item: CalendarItem) => string;
  holidays: Map<string, string>;
  workingHours: { workDays: number[]; workStart: string; workEnd: string };
  defaultUserId: string;
  onSelect: (start: Date, end: Date, userId: string) => void;
  onOpen: (item: CalendarItem) => void;
  onMove: (item: CalendarItem, start: Date, end: Date) => void;
}

type Gesture =
  | { type: 'select'; column: number; from: number; to: number }
  | { type: 'move' | 'resize'; item: CalendarItem; column: number; originColumn: number; originY: number; dy: number; moved: boolean };

const timed = (i: CalendarItem) => ({ key: i.key, start: new Date(i.startsAt), end: new Date(i.endsAt) });
const editable = (i: CalendarItem) => Boolean(i.id) && i.version !== null && !i.busy;

/** Day and week views: a time column per day (or per person and day), working hours shaded, drag to select, move and resize. */
export function TimeGrid({ columns, items, colorOf, holidays, workingHours, defaultUserId, onSelect, onOpen, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const hourFormat = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short' });

  useEffect(() => {
    // open at the start of the working day
    const start = Number(workingHours.workStart.slice(0, 2));
    if (scrollRef.current) scrollRef.current.scrollTop = Math.max(0, (start - 1) * HOUR_PX);
  }, [workingHours.workStart]);

  const spans = items.map((i) => ({ ...i, start: new Date(i.startsAt), end: new Date(i.endsAt) }));
  const columnItems = (c: GridColumn) => itemsOfDay(c.userId ? spans.filter((i) => i.userId === c.userId) : spans, c.day);
  const minutesAt = (clientY: number) => {
    const rect = bodyRef.current!.getBoundingClientRect();
    return (clientY - rect.top) / PX_PER_MIN;
  };
  const columnAt = (clientX: number) => {
    const rect = bodyRef.current!.getBoundingClientRect();
    return Math.min(columns.length - 1, Math.max(0, Math.floor(((clientX - rect.left) / rect.width) * columns.length)));
  };

  const startSelect = (e: ReactPointerEvent<HTMLDivElement>, column: number) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('.kc-item')) return;
    const from = snapMinutes(minutesAt(e.clientY) - 7);
    e.currentTarget.setPointerCapture(e.pointerId);
    setGesture({ type: 'select', column, from, to: from + 30 });
  };
  const startDrag = (e: ReactPointerEvent<HTMLElement>, item: CalendarItem, column: number, type: 'move' | 'resize') => {
    if (e.button !== 0) return;
    e.stopPropagation();
    if (!editable(item) || (type === 'resize' && item.kind === 'task')) {
      if (type === 'move' && item.id) setGesture({ type: 'move', item, column, originColumn: column, originY: e.clientY, dy: 0, moved: false });
      return;
    }
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setGesture({ type, item, column, originColumn: column, originY: e.clientY, dy: 0, moved: false });
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    if (!gesture || !bodyRef.current) return;
    if (gesture.type === 'select') {
      setGesture({ ...gesture, to: Math.max(gesture.from + 15, snapMinutes(minutesAt(e.clientY))) });
      return;
    }
    if (!editable(gesture.item)) return;
    const dy = Math.round((e.clientY - gesture.originY) / PX_PER_MIN / 15) * 15;
    const column = gesture.type === 'move' && !columns[0]?.userId ? columnAt(e.clientX) : gesture.originColumn;
    const moved = gesture.moved || Math.abs(e.clientY - gesture.originY) > 4 || column !== gesture.originColumn;
    setGesture({ ...gesture, dy, column, moved });
  };
  const finish = () => {
    const g = gesture;
    setGesture(null);
    if (!g) return;
    if (g.type === 'select') {
      const c = columns[g.column]!;
      onSelect(atMinutes(c.day, g.from), atMinutes(c.day, Math.min(g.to, 24 * 60)), c.userId ?? defaultUserId);
      return;
    }
    if (!g.moved) {
      onOpen(g.item);
      return;
    }
    const moved = preview(g);
    if (moved) onMove(g.item, moved.start, moved.end);
  };
  /** Where the dragged item would land. */
  const preview = (g: Gesture) => {
    if (g.type === 'select') return null;
    const start = new Date(g.item.startsAt);
    const end = new Date(g.item.endsAt);
    const days = Math.round((columns[g.column]!.day.getTime() - columns[g.originColumn]!.day.getTime()) / 86_400_000);
    if (g.type === 'resize') {
      const next = new Date(end.getTime() + g.dy * 60_000);
      return { start, end: next > start ? next : new Date(start.getTime() + 15 * 60_000) };
    }
    const shift = (s: Date) => new Date(addDays(s, days).getTime() + g.dy * 60_000);
    return { start: shift(start), end: shift(end) };
  };
  const dragged = gesture && gesture.type !== 'select' && gesture.moved ? preview(gesture) : null;

  const today = new Date();
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const allDay = columns.map((c) => columnItems(c).filter((i) => isAllDay(timed(i))));
  const hasAllDay = allDay.some((list) => list.length) || columns.some((c) => holidays.has(dayKey(c.day)));

  return (
    <div className="kc-timegrid" data-testid="calendar-timegrid">
      <div className="kc-head" style={{ gridTemplateColumns: `56px repeat(${columns.length}, minmax(0, 1fr))` }}>
        <div />
        {columns.map((c, index) => (
          <div key={`${dayKey(c.day)}-${c.userId ?? 'all'}`} className={`kc-head-cell${sameDay(c.day, today) ? ' kc-today' : ''}`} data-testid="calendar-column-head">
            <div className="kc-head-day">{c.label ?? dayFormat.format(c.day)}</div>
            {c.label && <div className="kc-head-sub">{dayFormat.format(c.day)}</div>}
            {holidays.has(dayKey(c.day)) && <div className="kc-holiday-name" title={holidays.get(dayKey(c.day))} data-testid="calendar-holiday">{holidays.get(dayKey(c.day))}</div>}
            {hasAllDay && (
              <div className="kc-allday">
                {allDay[index]!.map((i) => (
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
                    {i.busy ? t('calendar.busy') : i.title}
                  </button>
                ))}
              </div>
            )}
          </div>
        ))}
      </div>
      <div className="kc-scroll" ref={scrollRef}>
        <div className="kc-body" style={{ gridTemplateColumns: `56px 1fr`, height: 24 * HOUR_PX }}>
          <div className="kc-hours">
            {hours.map((h) => (
              <div key={h} className="kc-hour-label" style={{ top: h * HOUR_PX }}>
                {h === 0 ? '' : hourFormat.format(new Date(2000, 0, 1, h))}
              </div>
            ))}
          </div>
          <div
            className="kc-columns"
            ref={bodyRef}
            style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}
            onPointerMove={onPointerMove}
            onPointerUp={finish}
            onPointerCancel={() => setGesture(null)}
          >
            {columns.map((c, index) => {
              const list = columnItems(c).filter((i) => !isAllDay(timed(i)));
              const layout = layoutDay(list.map(timed), c.day);
              const weekday = isoWeekday(c.day);
              const holiday = holidays.has(dayKey(c.day));
              return (
                <div
                  key={`${dayKey(c.day)}-${c.userId ?? 'all'}`}
                  className={`kc-column${holiday ? ' kc-holiday' : ''}`}
                  data-testid="calendar-column"
                  data-day={dayKey(c.day)}
                  data-user={c.userId ?? ''}
                  onPointerDown={(e) => startSelect(e, index)}
                >
                  {hours.map((h) => (
                    <div
                      key={h}
                      className={`kc-slot${isWorkingTime(weekday, h * 60, workingHours) && !holiday ? ' kc-work' : ''}`}
                      style={{ top: h * HOUR_PX, height: HOUR_PX }}
                    />
                  ))}
                  {sameDay(c.day, today) && <div className="kc-now" style={{ top: minutesInDay(today, c.day) * PX_PER_MIN }} />}
                  {gesture?.type === 'select' && gesture.column === index && (
                    <div className="kc-selection" style={{ top: gesture.from * PX_PER_MIN, height: (gesture.to - gesture.from) * PX_PER_MIN }} />
                  )}
                  {list.map((i) => {
                    const place = layout.get(i.key)!;
                    const isDragged = dragged && gesture && gesture.type !== 'select' && gesture.item.key === i.key;
                    const label = i.busy ? t('calendar.busy') : (i.title ?? '');
                    const time = i.kind === 'task' ? hourFormat.format(new Date(i.endsAt)) : `${hourFormat.format(new Date(i.startsAt))}–${hourFormat.format(new Date(i.endsAt))}`;
                    return (
                      // biome-ignore lint/a11y/useSemanticElements: a positioned, draggable block that holds its own resize handle
                      <div
                        key={i.key}
                        role="button"
                        tabIndex={i.busy ? -1 : 0}
                        className={`kc-item kc-${i.kind}${i.busy ? ' kc-busy' : ''}${isDragged ? ' kc-dragging' : ''}`}
                        style={{
                          top: place.top * PX_PER_MIN,
                          height: Math.max(place.height * PX_PER_MIN, 30),
                          left: `calc(${(place.column / place.columns) * 100}% + 2px)`,
                          width: `calc(${100 / place.columns}% - 4px)`,
                          borderLeftColor: colorOf(i),
                          background: `${colorOf(i)}22`,
                        }}
                        data-testid="calendar-item"
                        data-kind={i.kind}
                        data-user={i.userId ?? ''}
                        aria-label={`${label}, ${time}`}
                        title={`${label} ${time}${i.location ? ` · ${i.location}` : ''}`}
                        onPointerDown={(e) => startDrag(e, i, index, 'move')}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' && !i.busy) onOpen(i);
                        }}
                      >
                        <div className="kc-item-time">
                          {i.kind === 'task' ? '☐ ' : i.rrule ? '↻ ' : ''}
                          {time}
                        </div>
                        <div className="kc-item-title">{i.private && !i.busy ? `🔒 ${label}` : label}</div>
                        {editable(i) && i.kind !== 'task' && <div className="kc-resize" onPointerDown={(e) => startDrag(e, i, index, 'resize')} data-testid="calendar-item-resize" />}
                      </div>
                    );
                  })}
                  {dragged && gesture && gesture.type !== 'select' && gesture.column === index && (
                    <div
                      className="kc-ghost"
                      style={{
                        top: minutesInDay(dragged.start, c.day) * PX_PER_MIN,
                        height: Math.max((minutesInDay(dragged.end, c.day) - minutesInDay(dragged.start, c.day)) * PX_PER_MIN, 18),
                        borderColor: colorOf(gesture.item),
                      }}
                      data-testid="calendar-drag-preview"
                    >
                      {hourFormat.format(dragged.start)}–{hourFormat.format(dragged.end)}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
