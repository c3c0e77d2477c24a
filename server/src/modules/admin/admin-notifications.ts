import type { Trx } from '../../platform/audit/record-change.ts';
import { notify } from '../../platform/notifications/notify.ts';

type Locale = 'en' | 'ro' | 'pl' | 'hu' | 'uk';
const TEXTS: Record<'access_changed' | 'record_shared', Record<Locale, (who: string) => string>> = {
  access_changed: {
    en: (who) => `${who} changed your access`,
    ro: (who) => `${who} v-a modificat drepturile de acces`,
    pl: (who) => `${who} zmienił(a) Twoje uprawnienia`,
    hu: (who) => `${who} módosította a hozzáférését`,
    uk: (who) => `${who} змінив(ла) ваші права доступу`,
  },
  record_shared: {
    en: (who) => `${who} shared a record with you`,
    ro: (who) => `${who} a partajat o înregistrare cu dvs.`,
    pl: (who) => `${who} udostępnił(a) Ci rekord`,
    hu: (who) => `${who} megosztott Önnel egy rekordot`,
    uk: (who) => `${who} надав(ла) вам доступ до запису`,
  },
};

/** Tells each user, in their language, what an administrator or colleague changed for them. */
export async function notifyUsers(
  trx: Trx,
  workspaceId: string,
  actorName: string,
  userIds: string[],
  kind: keyof typeof TEXTS,
  link: string | null = null,
): Promise<void> {
  if (userIds.length === 0) return;
  const users = await trx.selectFrom('users').select(['id', 'locale']).where('id', 'in', userIds).where('workspaceId', '=', workspaceId).execute();
  for (const user of users) {
    const locale = (user.locale in TEXTS[kind] ? user.locale : 'en') as Locale;
    await notify(trx, { workspaceId, userId: user.id, kind, title: TEXTS[kind][locale](actorName), link });
  }
}
