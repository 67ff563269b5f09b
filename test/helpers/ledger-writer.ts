import type Database from 'better-sqlite3';
import { chargeMonth, type LedgerLine } from '../../shared/domain/ledger-line';

const INSERT_SQL = `INSERT INTO ledger_lines (
  import_id, source_row, month, charge_period_start, charge_period_end, billing_period, charge_category,
  provider, publisher, billing_account, sub_account, credential, model, model_raw, usage_class, service_tier,
  context_band, region, resource_id, sku, description, tags, quantity, unit,
  billed_cost, effective_cost, list_cost, contracted_cost, currency
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const EMPTY_TAGS = '{}';

/**
 * Writes ledger lines for one import through a single prepared statement,
 * line by line: how tests, benchmarks and the large-workspace tool seed a
 * workspace without going through a statement file. (Imports write through
 * electron/backend/imports/ledger-bulk-writer.ts.) The caller owns the
 * transaction, one per import.
 */
export class LedgerWriter {
  private readonly insert: Database.Statement;

  constructor(db: Database.Database, private readonly importId: number) {
    this.insert = db.prepare(INSERT_SQL);
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
      line.sourceRow,
      chargeMonth(line.chargePeriodStart),
      line.chargePeriodStart,
      line.chargePeriodEnd,
      line.billingPeriod,
      line.chargeCategory,
      line.provider,
      line.publisher,
      line.billingAccount,
      line.subAccount,
      line.credential,
      line.model,
      line.modelRaw,
      line.usageClass,
      line.serviceTier,
      line.contextBand,
      line.region,
      line.resourceId,
      line.sku,
      line.description,
      tagsJson,
      line.quantity,
      line.unit,
      line.billedCost,
      line.effectiveCost,
      line.listCost,
      line.contractedCost,
      line.currency,
    );
  }
}
