import type { Nanos } from './money';
import type { ChargeCategory, ServiceTier, UsageClass } from './usage';

/**
 * One line of the usage ledger: what a vendor billed for one charge period,
 * normalised to one FOCUS-aligned shape (PRODUCT.md, usage ledger).
 * Importers produce these from source rows; the workspace stores them with
 * their provenance (import id + source row number + file sha256 via the import).
 */
export interface LedgerLine {
  /** ISO 8601 UTC instant, inclusive ("2026-03-01T00:00:00Z"). */
  chargePeriodStart: string;
  /** ISO 8601 UTC instant, exclusive. */
  chargePeriodEnd: string;
  /** Invoice month the vendor assigned ("2026-03"), when the file says. */
  billingPeriod: string | null;
  chargeCategory: ChargeCategory;
  /** Who bills: "openai", "anthropic", "aws", "azure", "google", "mistral", or a vendor's own name. */
  provider: string;
  /** Who made the model when someone else sells it ("anthropic" on AWS Bedrock); null when same as provider. */
  publisher: string | null;
  billingAccount: string | null;
  /** Project, workspace, subscription or sub-account. */
  subAccount: string | null;
  /** API key, credential or principal the usage ran under. */
  credential: string | null;
  /** Normalised model id ("gpt-4o", "claude-sonnet-4-5"), null for non-model charges. */
  model: string | null;
  /** The vendor's own spelling, kept for audit ("gpt-4o-2024-08-06", "USE1-Claude4Sonnet-input-tokens"). */
  modelRaw: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  /** Long-context band the vendor billed at ("0-200k", "200k-1M"), when it says. */
  contextBand: string | null;
  region: string | null;
  resourceId: string | null;
  sku: string | null;
  description: string | null;
  tags: Record<string, string>;
  /**
   * Quantity in `unit` (tokens are always single tokens); null when the
   * statement does not report it (a costs export gives money per line item,
   * no token counts). Unknown is never zero: a zero would price at $0.
   */
  quantity: number | null;
  unit: string;
  /** What the vendor billed, the invoice basis (FOCUS BilledCost). */
  billedCost: Nanos;
  /** Amortised cost where the vendor gives it (FOCUS EffectiveCost). */
  effectiveCost: Nanos | null;
  /** List-price cost where known. */
  listCost: Nanos | null;
  /** Contracted cost where the vendor gives it. */
  contractedCost: Nanos | null;
  /** ISO 4217, upper case. */
  currency: string;
  /** 1-based row (or record) number in the source file (an aggregate's first). */
  sourceRow: number;
  /** Lines of the source file this line stands for: more than 1 for an aggregate of a big cloud export kept as `ai` (shared/formats/keep.ts); 1 when absent. */
  sourceLines?: number;
  /**
   * The contract commitments the charge draws down, as the vendor's FOCUS
   * ContractApplied names them, in the stored form of
   * shared/formats/values/contract-applied.ts (applied cost in nano-units);
   * absent or null when the statement names none.
   */
  contractApplied?: string | null;
}

/**
 * Every stored field of a ledger line but its provenance, in the order the
 * workbench's own ledger CSV writes them. The one list other field lists
 * (CSV columns, the import codec's text fields) are taken from.
 */
export const LEDGER_LINE_FIELDS = [
  'chargePeriodStart',
  'chargePeriodEnd',
  'billingPeriod',
  'chargeCategory',
  'provider',
  'publisher',
  'billingAccount',
  'subAccount',
  'credential',
  'model',
  'modelRaw',
  'usageClass',
  'serviceTier',
  'contextBand',
  'region',
  'resourceId',
  'sku',
  'description',
  'tags',
  'quantity',
  'unit',
  'billedCost',
  'effectiveCost',
  'listCost',
  'contractedCost',
  'currency',
] as const satisfies readonly Exclude<keyof LedgerLine, 'sourceRow'>[];
export type LedgerLineField = (typeof LEDGER_LINE_FIELDS)[number];

export const LEDGER_MONEY_FIELDS = ['billedCost', 'effectiveCost', 'listCost', 'contractedCost'] as const satisfies readonly LedgerLineField[];
/** Fields held as text (tags as JSON): all but quantity and money. */
export type LedgerTextField = Exclude<LedgerLineField, 'quantity' | (typeof LEDGER_MONEY_FIELDS)[number]>;
export const LEDGER_TEXT_FIELDS: readonly LedgerTextField[] = LEDGER_LINE_FIELDS.filter(
  (f): f is LedgerTextField => f !== 'quantity' && !(LEDGER_MONEY_FIELDS as readonly string[]).includes(f),
);

/** A field list without some of its names, keeping the order and the literal types. */
export function ledgerFieldsWithout<F extends LedgerLineField, X extends LedgerLineField>(fields: readonly F[], ...left: readonly X[]): Exclude<F, X>[] {
  return fields.filter((f): f is Exclude<F, X> => !(left as readonly string[]).includes(f));
}

/** Calendar month of a charge ("2026-03") from its ISO start instant. */
export function chargeMonth(chargePeriodStart: string): string {
  return chargePeriodStart.slice(0, 7);
}
