import { useEffect, useSyncExternalStore } from 'react';

/** The record currently on screen: quick actions (new task, event, e-mail) carry it as their context. */
export interface ScreenRecord {
  entity: string;
  id: string;
  title: string;
}

let current: ScreenRecord | null = null;
const listeners = new Set<() => void>();

export function setScreenRecord(record: ScreenRecord | null): void {
  if (current?.entity === record?.entity && current?.id === record?.id && current?.title === record?.title) return;
  current = record;
  for (const listener of listeners) listener();
}

export function getScreenRecord(): ScreenRecord | null {
  return current;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What is on screen now (null on lists, home and settings). */
export function useScreenContext(): ScreenRecord | null {
  return useSyncExternalStore(subscribe, getScreenRecord, getScreenRecord);
}

/** Record pages call this: the record is the screen's context while the page is shown. */
export function useScreenRecord(record: ScreenRecord | null): void {
  const entity = record?.entity;
  const id = record?.id;
  const title = record?.title;
  useEffect(() => {
    setScreenRecord(entity && id ? { entity, id, title: title ?? '' } : null);
    return () => {
      // leave a context set by a newer page alone
      if (getScreenRecord()?.id === id) setScreenRecord(null);
    };
  }, [entity, id, title]);
}
