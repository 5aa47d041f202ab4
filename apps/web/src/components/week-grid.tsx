import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WeeklyWindow, Weekday } from '../api/types.js';
import { useI18n, weekdayKey } from '../i18n/i18n.js';

const STEP = 30;
const SLOTS = (24 * 60) / STEP;
const DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** Local times stop at 23:59 (the API's HH:mm has no 24:00), so a window up to midnight ends there. */
const END_OF_DAY = 24 * 60 - 1;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (value: number) => `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
const key = (day: Weekday, slot: number) => `${day}:${slot}`;

/** The half-hour cells a set of windows covers completely. */
export function cellsOf(windows: WeeklyWindow[]): Set<string> {
  const cells = new Set<string>();
  for (const window of windows) {
    const start = minutes(window.localStart);
    const end = window.localEnd === '23:59' ? 24 * 60 : minutes(window.localEnd);
    for (let slot = 0; slot < SLOTS; slot++) if (slot * STEP >= start && (slot + 1) * STEP <= end) cells.add(key(window.weekday, slot));
  }
  return cells;
}

/** Runs of adjacent cells as windows, per weekday, in time order. */
export function windowsOf(cells: Set<string>): WeeklyWindow[] {
  const windows: WeeklyWindow[] = [];
  for (const day of DAYS) {
    let runStart: number | null = null;
    for (let slot = 0; slot <= SLOTS; slot++) {
      const on = slot < SLOTS && cells.has(key(day, slot));
      if (on && runStart === null) runStart = slot;
      if (!on && runStart !== null) {
        windows.push({ weekday: day, localStart: clock(runStart * STEP), localEnd: clock(Math.min(slot * STEP, END_OF_DAY)) });
        runStart = null;
      }
    }
  }
  return windows;
}

/**
 * Weekly availability drawn on a grid in the owner's own zone: drag with a mouse or finger, or
 * move with the arrow keys and toggle with Space or Enter (one cell is in the tab order at a time).
 */
export function WeekGrid({
  windows,
  onChange,
  zone,
  labelledBy,
}: {
  windows: WeeklyWindow[];
  onChange: (windows: WeeklyWindow[]) => void;
  zone: string;
  labelledBy?: string;
}) {
  const { t } = useI18n();
  const [cells, setCells] = useState(() => cellsOf(windows));
  const [focus, setFocus] = useState<{ day: Weekday; slot: number }>({ day: 1, slot: 16 });
  const painting = useRef<boolean | null>(null);
  const grid = useRef<HTMLTableElement>(null);
  const lastEmitted = useRef(windows);

  // A new record (or a reload) replaces the drawing; our own changes come back unchanged.
  useEffect(() => {
    if (windows !== lastEmitted.current) setCells(cellsOf(windows));
  }, [windows]);

  const apply = (next: Set<string>) => {
    setCells(next);
    const emitted = windowsOf(next);
    lastEmitted.current = emitted;
    onChange(emitted);
  };
  const set = (day: Weekday, slot: number, on: boolean) => {
    if (cells.has(key(day, slot)) === on) return;
    const next = new Set(cells);
    if (on) next.add(key(day, slot));
    else next.delete(key(day, slot));
    apply(next);
  };

  useEffect(() => {
    const stop = () => (painting.current = null);
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  const moveFocus = (day: Weekday, slot: number) => {
    setFocus({ day, slot });
    grid.current?.querySelector<HTMLElement>(`[data-cell="${key(day, slot)}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const { day, slot } = focus;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      PageUp: [0, -4],
      PageDown: [0, 4],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveFocus(Math.min(7, Math.max(1, day + move[0])) as Weekday, Math.min(SLOTS - 1, Math.max(0, slot + move[1])));
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      set(day, slot, !cells.has(key(day, slot)));
    }
  };

  return (
    <div className="week-grid">
      <table
        ref={grid}
        role="grid"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : t('grid.label', { zone })}
        onKeyDown={onKeyDown}
        aria-multiselectable="true"
      >
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{zone}</span>
            </th>
            {DAYS.map((day) => (
              <th scope="col" key={day}>
                {t(weekdayKey(day))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: SLOTS }, (_, slot) => (
            <tr key={slot}>
              <th scope="row" className={slot % 2 ? 'week-grid__half' : undefined}>
                {slot % 2 ? <span className="visually-hidden">{clock(slot * STEP)}</span> : clock(slot * STEP)}
              </th>
              {DAYS.map((day) => {
                const on = cells.has(key(day, slot));
                const focused = focus.day === day && focus.slot === slot;
                return (
                  <td
                    key={day}
                    role="gridcell"
                    data-cell={key(day, slot)}
                    aria-selected={on}
                    aria-label={`${t(weekdayKey(day))} ${clock(slot * STEP)}–${clock(Math.min((slot + 1) * STEP, END_OF_DAY))}`}
                    tabIndex={focused ? 0 : -1}
                    className={on ? 'on' : undefined}
                    onFocus={() => setFocus({ day, slot })}
                    onPointerDown={(event) => {
                      event.preventDefault();
                      painting.current = !on;
                      setFocus({ day, slot });
                      set(day, slot, !on);
                    }}
                    onPointerEnter={() => painting.current !== null && set(day, slot, painting.current)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="week-grid__summary" aria-live="polite">
        {windowsOf(cells).map((w) => (
          <li key={`${w.weekday}-${w.localStart}`}>
            {t(weekdayKey(w.weekday))} {w.localStart}–{w.localEnd}
          </li>
        ))}
      </ul>
    </div>
  );
}
