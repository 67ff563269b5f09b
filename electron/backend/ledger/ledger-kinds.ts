/**
 * The ledger's kinds (ledger_kinds, migration 011) read once into a map, so
 * a reader that walks ledger_rows line by line resolves each line's sixteen
 * repeated fields with one lookup instead of joining them in SQL for every
 * line (a million FOCUS lines have a few hundred kinds).
 */
import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import type { KIND_FIELDS } from '../imports/line-codec';

/** A kind as the ledger's lines carry it: the sixteen fields the import interns (line-codec's KIND_FIELDS), typed as a line's. */
export type LedgerKind = { id: number; costBasis: 'billed' | 'list' } & Pick<LedgerLine, (typeof KIND_FIELDS)[number]>;

const SELECT_KINDS = `SELECT id, charge_category AS chargeCategory, provider, publisher, billing_account AS billingAccount, sub_account AS subAccount,
  credential, model, model_raw AS modelRaw, usage_class AS usageClass, service_tier AS serviceTier, context_band AS contextBand, region, sku,
  description, unit, currency, cost_basis AS costBasis FROM ledger_kinds`;

/** Every kind by id. */
export function readKinds(db: Database.Database): Map<number, LedgerKind> {
  const kinds = new Map<number, LedgerKind>();
  for (const k of db.prepare(SELECT_KINDS).all() as LedgerKind[]) kinds.set(k.id, k);
  return kinds;
}

/**
 * The kinds by id, read once and read again on a miss: kinds are only ever
 * added, and a reader on its own connection (the FOCUS export) may start
 * reading rows in a snapshot a moment newer than the one it read the kinds in.
 */
export class LedgerKinds {
  private kinds: Map<number, LedgerKind>;

  constructor(private readonly db: Database.Database) {
    this.kinds = readKinds(db);
  }

  get(kindId: number): LedgerKind {
    let kind = this.kinds.get(kindId);
    if (kind === undefined) {
      this.kinds = readKinds(this.db);
      kind = this.kinds.get(kindId);
      if (kind === undefined) throw new WorkbenchError('internal', `a ledger line's kind (${kindId}) is missing from ledger_kinds`);
    }
    return kind;
  }
}
