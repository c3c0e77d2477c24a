import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

/** The message a person should read for a failed call. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.code === 'FOREIGN_ORIGIN') {
      // the server names its own address when PUBLIC_URL fixes it
      const address = error.body.expectedOrigin;
      return typeof address === 'string' ? t('errors.foreignOriginAt', { address }) : t('errors.foreignOrigin');
    }
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.status === 429) return t('auth.tooMany');
    return error.message || t('errors.generic');
  }
  return t('errors.generic');
}

/** The one way errors are shown: a red notification. */
export function showError(error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.generic'), message: errorMessage(error, t) });
}

export function showSuccess(message: string): void {
  // a confirmation needs no action: it goes sooner than an error
  notifications.show({ color: 'teal', message, autoClose: 2500 });
}
