import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors';

export { ChargeCategorySchema, CurrencyCode, IsoInstant, Money, Month, ServiceTierSchema, UsageClassSchema } from '../domain/schemas';

export const ErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().int().optional(),
  field: z.string().optional(),
  details: z.unknown().optional(),
});

export const Empty = z.object({}).strict();
