import { z } from 'zod';

/** Which version of a contract priced a month (1 the original terms), as the API sends it. Its own module: the invoice check's schema imports it without the contract schema. */
export const ContractVersionRef = z.object({ number: z.number().int(), effectiveFrom: z.string(), reason: z.string().nullable(), where: z.string().nullable() });
