import { z } from 'zod';
import { CHARGE_CATEGORIES, SERVICE_TIERS, USAGE_CLASSES } from './usage';

/**
 * Zod schemas of the domain's basic values: money as exact decimal text,
 * months, currencies, usage classes and ids. The file formats (scenario,
 * contract, price book) and the API build on them; they live here so that
 * those formats can sit with their domain without reaching into shared/api.
 */

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

/** Ids users write for drivers, workloads and scenarios: lower case letters, digits, dot, dash or underscore. */
export const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'ids are lower case letters, digits, dot, dash or underscore');
