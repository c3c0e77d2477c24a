import { z } from 'zod';
import { validateBic, validateIban } from './bank.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const decimal = z.string().regex(/^-?\d{1,15}(\.\d{1,2})?$/, 'An amount like "1250000.50"');

/** Further addresses (legal seat, mailing, delivery …). */
export const addressesSchema = z
  .array(
    z.strictObject({
      type: z.enum(['legal', 'mailing', 'delivery', 'home', 'other']),
      street: text(300).optional(),
      city: text(100).optional(),
      postalCode: text(20).optional(),
      county: text(100).optional(),
      country: z.string().regex(/^[A-Z]{2}$/, 'Two-letter country code').optional(),
    }),
  )
  .max(20);

/** Bank accounts with checked IBAN and BIC (stored normalised: no spaces, upper case). */
export const bankAccountsSchema = z
  .array(
    z.strictObject({
      iban: z.string().transform((v, ctx) => {
        const r = validateIban(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        return r.ok ? r.normalized : v;
      }),
      bic: z
        .string()
        .transform((v, ctx) => {
          const r = validateBic(v);
          if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
          return r.ok ? r.normalized : v;
        })
        .optional(),
      bankName: text(200).optional(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO currency like RON').optional(),
    }),
  )
  .max(20)
  .refine((list) => new Set(list.map((a) => a.iban)).size === list.length, 'The same IBAN twice');

/** Yearly financial figures (from the balance sheet): one entry per year. */
export const financialsSchema = z
  .array(
    z.strictObject({
      year: z.number().int().min(1990).max(2100),
      turnover: decimal.optional(),
      profit: decimal.optional(),
      employees: z.number().int().min(0).max(10_000_000).optional(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO currency like RON').optional(),
    }),
  )
  .max(50)
  .refine((list) => new Set(list.map((f) => f.year)).size === list.length, 'One entry per year');

/** Identity documents of a person (type, number, issuer, validity). */
export const idDocumentsSchema = z
  .array(
    z.strictObject({
      type: z.enum(['idCard', 'passport', 'drivingLicence', 'residencePermit', 'other']),
      number: text(50),
      issuedBy: text(200).optional(),
      validUntil: z.iso.date().optional(),
    }),
  )
  .max(20);

/** Named values (characteristics of a product, messaging handles of a person): text keys to text values. */
export const keyValueSchema = (maxEntries: number) =>
  z
    .record(z.string().trim().min(1).max(100), z.string().max(500))
    .refine((o) => Object.keys(o).length <= maxEntries, `At most ${maxEntries} entries`);
