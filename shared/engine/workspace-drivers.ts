import type { BusinessDriver } from '../domain/driver-schema';
import { WorkbenchError } from '../domain/errors';
import type { Driver } from './schema';

/**
 * A workspace driver as a scenario's driver: units and each cost as month →
 * value series (each value holds until the next, so the last observed month
 * carries the status quo forward).
 */
export function scenarioDriverOf(driver: BusinessDriver): Driver {
  if (driver.months.length === 0) {
    throw new WorkbenchError('bad_input', `the business driver ${driver.id} has no months yet: import or type its ${driver.unit}s per month`, { field: `drivers.${driver.id}` });
  }
  const unitsPerMonth = Object.fromEntries(driver.months.map((m) => [m.month, m.units]));
  const costs = driver.costs.flatMap((c) => {
    const series = Object.fromEntries(driver.months.flatMap((m) => (m.costs[c.name] === undefined ? [] : [[m.month, m.costs[c.name]!]])));
    if (Object.keys(series).length === 0) return [];
    return [{ name: c.name, [c.basis]: series }];
  });
  return { id: driver.id, ...(driver.name !== undefined ? { name: driver.name } : {}), unit: driver.unit, unitsPerMonth, costs };
}
