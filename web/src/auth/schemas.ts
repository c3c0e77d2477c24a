import type { TFunction } from 'i18next';
import { z } from '../app/zod.ts';
import { isEmail } from '../app/form.ts';
import { LANGUAGES } from '../app/i18n.ts';

// Form schemas of the sign-in, setup and password screens; messages in the user's language.
const email = (t: TFunction) => z.string().trim().refine(isEmail, { error: t('validation.email') });
const newPassword = (t: TFunction) => z.string().min(8, { error: t('validation.passwordLength') }).max(128, { error: t('validation.tooLong', { max: 128 }) });
const required = (t: TFunction, max = 200) =>
  z.string().trim().min(1, { error: t('validation.required') }).max(max, { error: t('validation.tooLong', { max }) });

export const signInSchema = (t: TFunction) => z.object({ email: email(t), password: z.string().min(1, { error: t('validation.required') }) });

export const forgotSchema = (t: TFunction) => z.object({ email: email(t) });

export const resetSchema = (t: TFunction) => z.object({ newPassword: newPassword(t) });

export const setupSchema = (t: TFunction) =>
  z.object({ workspaceName: required(t), name: required(t), email: email(t), password: newPassword(t), locale: z.enum(LANGUAGES), demo: z.boolean().default(false) });

export const profileSchema = (t: TFunction) =>
  z.object({ name: required(t), locale: z.enum(LANGUAGES), theme: z.enum(['light', 'dark', 'auto']) });

export const passwordChangeSchema = (t: TFunction) =>
  z.object({ currentPassword: z.string().min(1, { error: t('validation.required') }), newPassword: newPassword(t) });
