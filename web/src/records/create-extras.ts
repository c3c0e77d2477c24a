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
        // required for users who sign in; the server says so on the field
        { name: 'email', label: t('auth.email'), type: 'email', required: false },
        { name: 'password', label: t('auth.password'), type: 'string', required: false },
        { name: 'invite', label: t('users.invite'), type: 'boolean', required: false },
        { name: 'staff', label: t('users.staff'), type: 'boolean', required: false },
      ];
    default:
      return [];
  }
}

/** Fields a form leaves out because a dedicated screen changes them (an opportunity's stage: the board). */
export const FORM_HIDDEN: Record<string, string[]> = { opportunity: ['stageId'], product: ['photoAttachmentId'] };

/** The create body as the server takes it: "staff without a login" is `login: false`. */
export function createBody(entity: string, body: Record<string, unknown>): Record<string, unknown> {
  if (entity !== 'user' || body.staff === undefined) return body;
  const { staff, ...rest } = body;
  return { ...rest, login: staff !== true };
}
