import type Database from 'better-sqlite3';
import type { BusinessDriver } from '../../../shared/api/scenarios';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';

interface DriverRow {
  id: string;
  name: string | null;
  unit: string;
}

/**
 * Business drivers as monthly series (tables business_drivers, driver_units,
 * driver_costs, driver_cost_months). Amounts are nano-units, read back as
 * decimal text. Callers own the transaction and the audit entry.
 */
export class DriverRepository {
  constructor(private readonly db: Database.Database) {}

  list(): BusinessDriver[] {
    const drivers = this.db.prepare('SELECT id, name, unit FROM business_drivers ORDER BY position, id').all() as DriverRow[];
    const units = this.db.prepare('SELECT month, units FROM driver_units WHERE driver_id = ? ORDER BY month');
    const costs = this.db.prepare('SELECT name, basis FROM driver_costs WHERE driver_id = ? ORDER BY position');
    const amounts = this.db.prepare('SELECT cost_name, month, amount FROM driver_cost_months WHERE driver_id = ?').safeIntegers(true);
    return drivers.map((d) => {
      const byMonth = new Map<string, Record<string, string>>();
      for (const a of amounts.all(d.id) as { cost_name: string; month: string; amount: bigint }[]) {
        const entry = byMonth.get(a.month) ?? {};
        entry[a.cost_name] = nanosToDecimal(a.amount);
        byMonth.set(a.month, entry);
      }
      return {
        id: d.id,
        ...(d.name !== null ? { name: d.name } : {}),
        unit: d.unit,
        costs: costs.all(d.id) as BusinessDriver['costs'],
        months: (units.all(d.id) as { month: string; units: number }[]).map((u) => ({ month: u.month, units: u.units, costs: byMonth.get(u.month) ?? {} })),
      };
    });
  }

  get(id: string): BusinessDriver | undefined {
    return this.list().find((d) => d.id === id);
  }

  /** Writes one driver in full, replacing any driver with the same id (its position is kept). */
  put(driver: BusinessDriver, now: string): 'added' | 'replaced' {
    const existing = this.db.prepare('SELECT position FROM business_drivers WHERE id = ?').get(driver.id) as { position: number } | undefined;
    const position = existing?.position ?? ((this.db.prepare('SELECT max(position) AS p FROM business_drivers').get() as { p: number | null }).p ?? -1) + 1;
    this.delete(driver.id);
    this.db.prepare('INSERT INTO business_drivers (id, name, unit, position, updated_at) VALUES (?, ?, ?, ?, ?)').run(driver.id, driver.name ?? null, driver.unit, position, now);
    const unit = this.db.prepare('INSERT INTO driver_units (driver_id, month, units) VALUES (?, ?, ?)');
    const cost = this.db.prepare('INSERT INTO driver_costs (driver_id, name, basis, position) VALUES (?, ?, ?, ?)');
    const amount = this.db.prepare('INSERT INTO driver_cost_months (driver_id, cost_name, month, amount) VALUES (?, ?, ?, ?)');
    driver.costs.forEach((c, i) => cost.run(driver.id, c.name, c.basis, i));
    for (const m of driver.months) {
      unit.run(driver.id, m.month, m.units);
      for (const [name, value] of Object.entries(m.costs)) amount.run(driver.id, name, m.month, parseMoney(value));
    }
    return existing ? 'replaced' : 'added';
  }

  /** Replaces every driver, in the order given. */
  replaceAll(drivers: readonly BusinessDriver[], now: string): void {
    this.db.prepare('DELETE FROM business_drivers').run();
    for (const d of drivers) this.put(d, now);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM business_drivers WHERE id = ?').run(id).changes > 0;
  }
}
