/**
 * The READMEs' figures about the demo are the figures the demo's runs
 * produce: each sentence is read from the README and compared with the run
 * it describes, rounded as the app shows money (to the cent, half to even).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoneyFixed, parseMoney } from '../../../shared/domain/money';
import { runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { startBackend } from '../../helpers/backend';

const ROOT = path.resolve(__dirname, '../../..');
const cents = (amount: string) => formatMoneyFixed(parseMoney(amount), 2);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2027-12" → "December 2027", as the sentences name months. */
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const oneLine = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').replace(/\s+/g, ' ');

describe('README figures about the demo', () => {
  let s: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('README.md: the demo workspace’s board question, as the app runs it', async () => {
    const m = /from (\w+ \d{4}) for (\d+) months on the demo's own ledger, ends \((\w+ \d{4})\) at \*\*\$(\d+\.\d\d) a loan\*\* when AI takes on more of the work \(break-even in \*\*(\w+ \d{4})\*\*\), \*\*\$(\d+\.\d\d)\*\* with no AI at all and \*\*\$(\d+\.\d\d)\*\* if nothing changes/.exec(oneLine('README.md'));
    expect(m, 'the sentence about the demo’s board question').not.toBeNull();
    const [, start, months, end, more, breakEven, noAi, nothing] = m!;
    const run = await s.client.call('scenarios.run', { id: 'board-question.yaml' });
    const byId = (id: string) => run.scenarios.find((x) => x.id === id);
    const [base, aiDoesMore, none] = [run.scenarios[0], byId('ai-does-more'), byId('no-ai')];
    expect(monthName(run.start)).toBe(start);
    expect(run.months).toBe(Number(months));
    expect(monthName(base!.months.at(-1)!.month)).toBe(end);
    expect(cents(aiDoesMore!.months.at(-1)!.costPerUnit!)).toBe(more);
    expect(monthName(aiDoesMore!.kpis.breakEvenMonth!)).toBe(breakEven);
    expect(cents(none!.months.at(-1)!.costPerUnit!)).toBe(noAi);
    expect(cents(base!.months.at(-1)!.costPerUnit!)).toBe(nothing);
  });
});

describe('scenarios/README.md figures about the example files', () => {
  it('the levers combined at triple volume in scenarios/example-loans-triple.yaml', () => {
    const m = /nothing changes \(\$(\d+\.\d\d) a loan\), AI takes on more of the work \(\$(\d+\.\d\d) a loan, break-even in (\w+ \d{4})\), and no AI at all \(\$(\d+\.\d\d) a loan\)/.exec(oneLine('scenarios/README.md'));
    expect(m, 'the sentence about the triple-volume example').not.toBeNull();
    const [, nothing, more, breakEven, noAi] = m!;
    const read = (from: string, relative: string): ScenarioText => {
      const p = path.resolve(path.dirname(from), relative);
      return { path: p, text: readFileSync(p, 'utf8') };
    };
    const file = path.join(ROOT, 'scenarios', 'example-loans-triple.yaml');
    const run = runDeterministic(resolveScenarioFile({ path: file, text: readFileSync(file, 'utf8') }, read));
    const [base, optimised, none] = run.scenarios;
    expect(cents(base!.months.at(-1)!.costPerUnit!)).toBe(nothing);
    expect(cents(optimised!.months.at(-1)!.costPerUnit!)).toBe(more);
    expect(monthName(optimised!.kpis.breakEvenMonth!)).toBe(breakEven);
    expect(cents(none!.months.at(-1)!.costPerUnit!)).toBe(noAi);
  });
});
