import type { TFunction } from 'i18next';
import type { InputField } from './field-input.tsx';

/**
 * Inputs a create form needs beyond the entity's editable fields: a user is created with an e-mail
 * and a password (or an invitation), which are not fields of the user record.
 */
export function createExtras(entity: string, t: TFunction): InputField[] {
  switch (entity) {
    case 'user':
      return [
        { name: 'email', label: t('auth.email'), type: 'email', required: true },
        { name: 'password', label: t('auth.password'), type: 'string', required: false },
        { name: 'invite', label: t('users.invite'), type: 'boolean', required: false },
      ];
    default:
      return [];
  }
}
