import { z } from 'zod';
import { CHARGE_CATEGORIES, SERVICE_TIERS, USAGE_CLASSES } from '../domain/usage';
import { ERROR_CODES } from '../domain/errors';

/** Money on the wire: an exact decimal string in currency units ("1234.5678"), never a float. */
export const Money = z.string().regex(/^-?\d+(\.\d+)?$/, 'money must be a decimal string such as "1234.56"');
export type Money = z.infer<typeof Money>;

/** A calendar month, "2026-03". */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-03');

/** An ISO 8601 UTC instant as stored in the ledger ("2026-03-01T00:00:00Z"). */
export const IsoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'expected a UTC instant such as 2026-03-01T00:00:00Z');

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD');

export const UsageClassSchema = z.enum(USAGE_CLASSES);
export const ServiceTierSchema = z.enum(SERVICE_TIERS);
export const ChargeCategorySchema = z.enum(CHARGE_CATEGORIES);

/** A path on the user's machine, as the backend sees it. */
export const FilePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path must not contain NUL');

export const ErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().int().optional(),
  field: z.string().optional(),
  details: z.unknown().optional(),
});

export const Empty = z.object({}).strict();
