import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A tab a business module adds to the record page of its entity (loaded only when opened). */
export interface RecordTab {
  key: string;
  labelKey: string;
  component: LazyExoticComponent<ComponentType<{ id: string; canEdit: boolean }>>;
}

export const RECORD_TABS: Record<string, RecordTab[]> = {
  partner: [
    { key: 'contacts', labelKey: 'partners.contacts', component: lazy(() => import('../modules/partners/partner-contacts-tab.tsx')) },
    { key: 'timeline', labelKey: 'partners.timeline', component: lazy(() => import('../modules/partners/timeline-tab.tsx')) },
    { key: 'sales', labelKey: 'nav.sales', component: lazy(() => import('../modules/sales/related-documents-tab.tsx').then((m) => ({ default: m.PartnerSalesTab }))) },
    { key: 'competitors', labelKey: 'plural.competitor', component: lazy(() => import('../modules/sales/competitors-tab.tsx').then((m) => ({ default: m.PartnerCompetitorsTab }))) },
    { key: 'events', labelKey: 'plural.event', component: lazy(() => import('../modules/activities/partner-activities-tab.tsx').then((m) => ({ default: m.PartnerEventsTab }))) },
    { key: 'tasks', labelKey: 'plural.task', component: lazy(() => import('../modules/activities/partner-activities-tab.tsx').then((m) => ({ default: m.PartnerTasksTab }))) },
    { key: 'callbacks', labelKey: 'plural.callback', component: lazy(() => import('../modules/activities/callbacks-tab.tsx').then((m) => ({ default: m.PartnerCallbacksTab }))) },
  ],
  task: [
    { key: 'comments', labelKey: 'activities.comments', component: lazy(() => import('../modules/activities/task-comments-tab.tsx')) },
    { key: 'reminders', labelKey: 'reminders.scheduled', component: lazy(() => import('../modules/activities/task-reminders-tab.tsx')) },
  ],
  contact: [
    { key: 'partners', labelKey: 'plural.partner', component: lazy(() => import('../modules/partners/contact-partners-tab.tsx')) },
    { key: 'callbacks', labelKey: 'plural.callback', component: lazy(() => import('../modules/activities/callbacks-tab.tsx').then((m) => ({ default: m.ContactCallbacksTab }))) },
  ],
  taskChain: [{ key: 'tasks', labelKey: 'plural.task', component: lazy(() => import('../modules/activities/chain-tasks-tab.tsx')) }],
  pipeline: [{ key: 'stages', labelKey: 'sales.stages', component: lazy(() => import('../modules/sales/pipeline-stages-tab.tsx')) }],
  opportunity: [
    { key: 'documents', labelKey: 'documents.tab', component: lazy(() => import('../modules/sales/related-documents-tab.tsx').then((m) => ({ default: m.OpportunityDocumentsTab }))) },
    { key: 'competitors', labelKey: 'plural.competitor', component: lazy(() => import('../modules/sales/competitors-tab.tsx').then((m) => ({ default: m.OpportunityCompetitorsTab }))) },
  ],
  offer: [{ key: 'document', labelKey: 'documents.lines', component: lazy(() => import('../modules/sales/document-tab.tsx').then((m) => ({ default: m.OfferTab }))) }],
  order: [{ key: 'document', labelKey: 'documents.lines', component: lazy(() => import('../modules/sales/document-tab.tsx').then((m) => ({ default: m.OrderTab }))) }],
  priceList: [{ key: 'prices', labelKey: 'sales.prices', component: lazy(() => import('../modules/sales/price-list-items-tab.tsx')) }],
};
