import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { EntityMeta } from '../app/meta.ts';

/** What a record-page action gets: the record on screen, what the user may do, a way to reload it after a change. */
export interface RecordActionProps {
  id: string;
  record: Record<string, unknown>;
  canEdit: boolean;
  permissions: EntityMeta['permissions'];
  reload: () => void;
}

export type RecordAction = LazyExoticComponent<ComponentType<RecordActionProps>>;

/** Buttons a business module adds to the header of its entity's record page (loaded on demand). */
export const RECORD_ACTIONS: Record<string, RecordAction[]> = {
  partner: [
    lazy(() => import('../modules/partners/partner-actions.tsx')),
    lazy(() => import('../modules/activities/start-chain-action.tsx').then((m) => ({ default: m.StartChainOnPartner }))),
  ],
  opportunity: [lazy(() => import('../modules/activities/start-chain-action.tsx').then((m) => ({ default: m.StartChainOnOpportunity })))],
  contact: [lazy(() => import('../modules/partners/contact-actions.tsx'))],
  task: [lazy(() => import('../modules/activities/task-actions.tsx').then((m) => ({ default: m.TaskActions })))],
  product: [lazy(() => import('../modules/sales/product-photo.tsx'))],
};

/** Links a business module adds to the header of its entity's list page. */
export const LIST_ACTIONS: Record<string, { key: string; labelKey: string; path: string }[]> = {
  partner: [
    { key: 'duplicates', labelKey: 'partnerActions.duplicates', path: '/partners/duplicates' },
    { key: 'assign-leads', labelKey: 'leadAssignment.title', path: '/leads/assign' },
  ],
  contact: [{ key: 'duplicates', labelKey: 'partnerActions.duplicates', path: '/contacts/duplicates' }],
};

/** What a selection action gets: the ids of the selected rows, and a way to clear the selection and reload the list. */
export interface SelectionActionProps {
  ids: string[];
  onDone: () => void;
}

/** Buttons a business module adds to its entity's list while rows are selected, shown with the permission they need. */
export const SELECTION_ACTIONS: Record<string, { key: string; permission: 'update' | 'delete'; component: LazyExoticComponent<ComponentType<SelectionActionProps>> }[]> = {
  partner: [{ key: 'assign-round-robin', permission: 'update', component: lazy(() => import('../modules/sales/lead-assignment.tsx')) }],
};
