/** How a notification reaches a person: in the app (bell, live), by e-mail, by SMS. */
export interface Channels {
  inApp: boolean;
  email: boolean;
  sms: boolean;
}

export interface NotificationKind {
  kind: string;
  /** i18n key of its name on the preferences screen. */
  labelKey: string;
  /** Channels used until the user chooses. */
  defaults: Channels;
}

const KINDS = new Map<string, NotificationKind>();

/** Modules declare the kinds of notifications they send; users choose channels per kind. */
export function registerNotificationKind(kind: NotificationKind): void {
  KINDS.set(kind.kind, kind);
}

export const notificationKind = (kind: string): NotificationKind | undefined => KINDS.get(kind);
export const notificationKinds = (): NotificationKind[] => [...KINDS.values()].sort((a, b) => a.kind.localeCompare(b.kind));

const IN_APP: Channels = { inApp: true, email: false, sms: false };

// the platform's own kinds
registerNotificationKind({ kind: 'access_changed', labelKey: 'notificationKinds.access_changed', defaults: { inApp: true, email: true, sms: false } });
registerNotificationKind({ kind: 'record_shared', labelKey: 'notificationKinds.record_shared', defaults: IN_APP });
registerNotificationKind({ kind: 'import_finished', labelKey: 'notificationKinds.import_finished', defaults: IN_APP });
