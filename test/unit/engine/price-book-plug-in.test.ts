import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { priceBookRateCard } from '../../../shared/domain/contracts/engine-adapters';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';

const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};

describe('the workspace price book as the engine’s rate card', () => {
  it('prices the board question like the file’s own list prices', () => {
    const p = path.resolve(__dirname, '../../../scenarios/example-loans-triple.yaml');
    const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
    const inline = runDeterministic(file);
    const fromBook = runDeterministic({ ...file, baseline: { ...file.baseline, prices: [] } }, {}, { rateCard: priceBookRateCard(bundledPriceBook()) });
    inline.scenarios.forEach((s, i) => {
      const book = fromBook.scenarios[i]!;
      // Same public list prices: within 5%, whatever the catalogue's as-of date.
      expect(Math.abs(Number(book.kpis.aiCost) / Number(s.kpis.aiCost) - 1)).toBeLessThan(0.05);
    });
  });
});
