import { nanosToDecimal } from '../../../../shared/domain/money';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../../../../shared/domain/usage';
import type { Migration } from './types';

/**
 * Quantities a statement does not report are unknown, not zero.
 *
 * - ledger_lines.quantity becomes nullable: NULL is "not reported" (OpenAI's
 *   costs export and Anthropic's cost report give money per line item and no
 *   token counts; tax and credit rows have none either). A zero priced those
 *   lines at $0 and the invoice check called their whole cost an overcharge.
 *   SQLite cannot drop a NOT NULL in place, so the table is rebuilt (its own
 *   CREATE statement with the constraint removed, every row copied, its
 *   indexes recreated from their own definitions), in the migration's
 *   transaction.
 * - Lines written before this version by the costs-only formats, and every
 *   charge that is not usage, carried 0 for "not reported": they become
 *   NULL, and the list cost the price book derived from that 0 is cleared.
 *   A usage line of any other format keeps its 0 (it may be a real zero).
 * - import_totals.categories: what landed per charge category (usage, tax,
 *   credits, refunds…) as JSON, so a reconciliation shows each as its own
 *   line under the total; filled for earlier imports from their lines.
 */
export const unreportedQuantities: Migration = {
  version: 7,
  name: 'unreported-quantities',
  up(db) {
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ledger_lines'").get() as { sql: string };
    const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_lines' AND sql IS NOT NULL").all() as { sql: string }[];
    const create = table.sql.replace(/^CREATE TABLE\s+("?)ledger_lines\1/i, 'CREATE TABLE ledger_lines_rebuilt').replace(/\bquantity REAL NOT NULL\b/, 'quantity REAL');
    if (!create.startsWith('CREATE TABLE ledger_lines_rebuilt') || /\bquantity REAL NOT NULL\b/.test(create)) throw new Error('unexpected ledger_lines definition');
    db.exec(create);
    db.exec('INSERT INTO ledger_lines_rebuilt SELECT * FROM ledger_lines');
    db.exec('DROP TABLE ledger_lines');
    db.exec('ALTER TABLE ledger_lines_rebuilt RENAME TO ledger_lines');
    for (const i of indexes) db.exec(i.sql);

    db.exec('ALTER TABLE import_totals ADD COLUMN categories TEXT');
    const parts = db
      .prepare(
        `SELECT import_id, currency, charge_category AS category, CAST(sum(billed_cost) AS TEXT) AS amount, count(*) AS lines
         FROM ledger_lines GROUP BY import_id, currency, charge_category`,
      )
      .all() as { import_id: number; currency: string; category: ChargeCategory; amount: string; lines: number }[];
    const byTotal = new Map<string, { category: ChargeCategory; importedTotal: string; lines: number }[]>();
    for (const p of [...parts].sort((a, b) => CHARGE_CATEGORIES.indexOf(a.category) - CHARGE_CATEGORIES.indexOf(b.category))) {
      const key = `${p.import_id}|${p.currency}`;
      byTotal.set(key, [...(byTotal.get(key) ?? []), { category: p.category, importedTotal: nanosToDecimal(BigInt(p.amount)), lines: p.lines }]);
    }
    const fill = db.prepare('UPDATE import_totals SET categories = ? WHERE import_id = ? AND currency = ?');
    for (const [key, list] of byTotal) {
      const [id, currency] = key.split('|');
      fill.run(JSON.stringify(list), Number(id), currency);
    }

    db.exec(`
      UPDATE ledger_lines
         SET quantity = NULL,
             list_cost = CASE WHEN list_cost_source = 'price_book' THEN NULL ELSE list_cost END,
             list_cost_source = CASE WHEN list_cost_source = 'price_book' THEN NULL ELSE list_cost_source END
       WHERE quantity = 0
         AND (charge_category <> 'usage'
              OR import_id IN (SELECT id FROM imports
                                WHERE format IN ('openai-costs', 'anthropic-cost')
                                   OR (format = 'openai-dashboard-csv' AND format_version = 'costs')));
    `);
  },
};
