import type Database from 'better-sqlite3';
import { chargeMonth, type LedgerLine } from '../../shared/domain/ledger-line';
import { epochOfInstant } from '../../shared/domain/epoch';

const INSERT_SQL = `INSERT INTO ledger_rows (
  import_id, kind_id, source_row, month, charge_period_start, charge_period_end, billing_period,
  resource_id, tags, quantity, billed_cost, effective_cost, list_cost, contracted_cost
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const KIND_KEY = [
  'charge_category', 'provider', 'publisher', 'billing_account', 'sub_account', 'credential', 'model', 'model_raw',
  'usage_class', 'service_tier', 'context_band', 'region', 'sku', 'description', 'unit', 'currency', 'cost_basis',
];

const EMPTY_TAGS = '{}';

/** The period as ledger_rows stores it (migration 014): whole seconds as a BigInt, so the ANY column keeps an INTEGER. */
function epochParam(instant: string): bigint | number {
  const seconds = epochOfInstant(instant);
  if (Number.isNaN(seconds)) throw new Error(`not a UTC instant: ${instant}`);
  return Number.isInteger(seconds) ? BigInt(seconds) : seconds;
}

/**
 * Writes ledger lines for one import through a single prepared statement,
 * line by line: how tests, benchmarks and the large-workspace tool seed a
 * workspace without going through a statement file. (Imports write through
 * electron/backend/imports/ledger-bulk-writer.ts.) Each line's kind (its
 * repeated text fields) is found in or added to ledger_kinds once, then
 * remembered (migration 011). The caller owns the transaction, one per import.
 */
export class LedgerWriter {
  private readonly insert: Database.Statement;
  private readonly findKind: Database.Statement;
  private readonly addKind: Database.Statement;
  private readonly kinds = new Map<string, number>();

  constructor(db: Database.Database, private readonly importId: number) {
    this.insert = db.prepare(INSERT_SQL);
    this.findKind = db.prepare(`SELECT id FROM ledger_kinds WHERE ${KIND_KEY.map((c) => `${c} IS ?`).join(' AND ')}`).pluck();
    this.addKind = db.prepare(`INSERT INTO ledger_kinds (${KIND_KEY.join(', ')}) VALUES (${KIND_KEY.map(() => '?').join(', ')})`);
  }

  private kindId(line: LedgerLine): number {
    const kind = [
      line.chargeCategory, line.provider, line.publisher, line.billingAccount, line.subAccount, line.credential, line.model, line.modelRaw,
      line.usageClass, line.serviceTier, line.contextBand, line.region, line.sku, line.description, line.unit, line.currency, 'billed',
    ];
    const key = JSON.stringify(kind);
    let id = this.kinds.get(key);
    if (id === undefined) {
      id = (this.findKind.get(...kind) as number | undefined) ?? Number(this.addKind.run(...kind).lastInsertRowid);
      this.kinds.set(key, id);
    }
    return id;
  }

  write(line: LedgerLine): void {
    const tags = line.tags;
    let tagsJson = EMPTY_TAGS;
    for (const _ in tags) {
      tagsJson = JSON.stringify(tags);
      break;
    }
    this.insert.run(
      this.importId,
      this.kindId(line),
      line.sourceRow,
      chargeMonth(line.chargePeriodStart),
      epochParam(line.chargePeriodStart),
      epochParam(line.chargePeriodEnd),
      line.billingPeriod,
      line.resourceId,
      tagsJson,
      line.quantity,
      line.billedCost,
      line.effectiveCost,
      line.listCost,
      line.contractedCost,
    );
  }
}
