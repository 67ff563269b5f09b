import type Database from 'better-sqlite3';
import type { PriceRowWire } from '../../../shared/api/pricing';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';

interface Record {
  id: string;
  provider: string;
  model: string;
  usage_class: string;
  meter: string | null;
  service_tier: string;
  context_above: number | null;
  region: string | null;
  effective_from: string | null;
  effective_to: string | null;
  currency: string;
  price_text: string;
  per: number;
  unit: string;
  note: string;
}

function toWire(r: Record): PriceRowWire {
  return {
    id: r.id,
    provider: r.provider,
    model: r.model,
    usageClass: r.usage_class as PriceRowWire['usageClass'],
    meter: r.meter,
    serviceTier: r.service_tier as PriceRowWire['serviceTier'],
    contextAbove: r.context_above,
    region: r.region,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    currency: r.currency,
    price: nanosToDecimal(BigInt(r.price_text), 0),
    per: r.per,
    unit: r.unit as PriceRowWire['unit'],
    source: 'user',
    note: r.note,
  };
}

/**
 * The workspace's own price rows (table price_rows). Prices are stored as
 * nano-units and read back as text, so no price passes through a double.
 * Callers own the transaction and the audit entry.
 */
export class PriceRowRepository {
  private statements: { exists: Database.Statement; upsert: Database.Statement } | null = null;

  constructor(private readonly db: Database.Database) {}

  /** Prepared once per repository: an imported price list upserts hundreds of thousands of rows. */
  private prepared(): { exists: Database.Statement; upsert: Database.Statement } {
    this.statements ??= {
      exists: this.db.prepare('SELECT 1 FROM price_rows WHERE id = ?'),
      upsert: this.db.prepare(
        `INSERT INTO price_rows (id, provider, model, usage_class, meter, service_tier, context_above, region, effective_from, effective_to, currency, price, per, unit, note, created_at, updated_at)
         VALUES (@id, @provider, @model, @usageClass, @meter, @serviceTier, @contextAbove, @region, @effectiveFrom, @effectiveTo, @currency, @price, @per, @unit, @note, @now, @now)
         ON CONFLICT(id) DO UPDATE SET provider = excluded.provider, model = excluded.model, usage_class = excluded.usage_class, meter = excluded.meter,
           service_tier = excluded.service_tier, context_above = excluded.context_above, region = excluded.region, effective_from = excluded.effective_from,
           effective_to = excluded.effective_to, currency = excluded.currency, price = excluded.price, per = excluded.per, unit = excluded.unit,
           note = excluded.note, updated_at = excluded.updated_at`,
      ),
    };
    return this.statements;
  }

  list(): PriceRowWire[] {
    const rows = this.db.prepare('SELECT *, CAST(price AS TEXT) AS price_text FROM price_rows ORDER BY provider, model, usage_class, service_tier, effective_from, id').all() as Record[];
    return rows.map(toWire);
  }

  get(id: string): PriceRowWire | undefined {
    const row = this.db.prepare('SELECT *, CAST(price AS TEXT) AS price_text FROM price_rows WHERE id = ?').get(id) as Record | undefined;
    return row ? toWire(row) : undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM price_rows').get() as { n: number }).n;
  }

  /** Adds the row, or replaces the row with the same id; says which. */
  upsert(row: PriceRowWire, now: string): 'added' | 'replaced' {
    const { exists, upsert } = this.prepared();
    const existed = exists.get(row.id) !== undefined;
    upsert.run({ ...row, price: parseMoney(row.price), now });
    return existed ? 'replaced' : 'added';
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM price_rows WHERE id = ?').run(id).changes > 0;
  }
}
