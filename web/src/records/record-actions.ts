import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** What a record-page action gets: the record on screen and a way to reload it after a change. */
export interface RecordActionProps {
  id: string;
  record: Record<string, unknown>;
  canEdit: boolean;
  reload: () => void;
}

/** Buttons a business module adds to the header of its entity's record page (loaded on demand). */
export const RECORD_ACTIONS: Record<string, LazyExoticComponent<ComponentType<RecordActionProps>>[]> = {
  partner: [lazy(() => import('../modules/partners/partner-actions.tsx').then((m) => ({ default: m.PartnerActions })))],
  contact: [lazy(() => import('../modules/partners/partner-actions.tsx').then((m) => ({ default: m.ContactActions })))],
  task: [lazy(() => import('../modules/activities/task-actions.tsx').then((m) => ({ default: m.TaskActions })))],
};

/** Links a business module adds to the header of its entity's list page. */
export const LIST_ACTIONS: Record<string, { key: string; labelKey: string; path: string }[]> = {
  partner: [{ key: 'duplicates', labelKey: 'partnerActions.duplicates', path: '/partners/duplicates' }],
};
