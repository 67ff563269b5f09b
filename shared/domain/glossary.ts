/**
 * What the workbench's figures mean, in one place: the app shows these on
 * hover beside each KPI name, and the README's glossary is written from them
 * (`npx tsx scripts/glossary-table.ts`; a test keeps it current). `{unit}`
 * stands for the business unit of a scenario ("loan").
 */

export interface GlossaryEntry {
  /** The name as screens print it. */
  term: string;
  /** One or two sentences a new analyst can act on. */
  meaning: string;
}

export const GLOSSARY = {
  billedSpend: {
    term: 'Billed spend',
    meaning:
      'What the vendors’ statements billed (their billed cost), summed exactly: usage, credits, refunds and tax as each statement states them. Usage-only reports bill nothing and add nothing to it.',
  },
  latestMonth: {
    term: 'Latest month',
    meaning: 'The latest calendar month the ledger covers from its first day to its last. A month still coming in is counted under run-rate instead.',
  },
  monthOnMonth: {
    term: 'Change on the month before',
    meaning: 'The latest month’s billed spend minus the calendar month before it, and that as a percentage of the month before. A month with no lines has no change to show.',
  },
  runRate: {
    term: 'Run-rate',
    meaning:
      'What the current month will cost at the latest pace: billed spend per day over the days it rests on, times the days in the month. It rests on the month’s own days so far or, before any line of the month is imported, on the latest days that are.',
  },
  trend: {
    term: 'Trend',
    meaning:
      'A least-squares line through the billed spend of up to six recent complete months (a month with no lines is skipped, not read as zero): how much spend grows or falls a month, and that against the months’ average. Under 1% a month reads as flat.',
  },
  roundedTotals: {
    term: 'Rounded totals',
    meaning:
      'Each total is its exact sum rounded once to the cent; the parts shown beside it are rounded so that, as shown, they add up to it (largest remainder). A part may then differ from its own rounding by a cent.',
  },
  costPerUnit: {
    term: 'Cost per {unit}',
    meaning:
      'Everything the process costs — AI, people, review, tools around the AI — divided by the {unit}s handled. On a scenario card it is over the whole horizon (total ÷ all {unit}s); the chart shows it month by month.',
  },
  aiCostPerUnit: {
    term: 'AI per {unit}',
    meaning: 'What the AI costs (vendor charges after contract terms, provisioned capacity, caches, migrations and adjacent costs) divided by the {unit}s handled.',
  },
  totalCost: {
    term: 'Total cost',
    meaning: 'All-in cost over the horizon: AI, the costs around it, people or rules doing part of the work, and the business’s non-AI costs.',
  },
  savings: {
    term: 'Savings',
    meaning: 'What the baseline costs minus what this scenario costs, over the horizon: positive when the scenario is cheaper.',
  },
  breakEven: {
    term: 'Break-even',
    meaning:
      'The first month from which cumulative savings stay at or above zero, provided they end above zero. One-time costs (a migration) and levers starting later are why it is rarely the first month.',
  },
  costPerSuccess: {
    term: 'Cost per success',
    meaning:
      'The cost of doing the work (vendor usage after contract terms, capacity, caches and alternative handling; not one-off or overhead costs) divided by the requests that end in success, retries and escalations included. A cheaper model that fails more often can cost more per success.',
  },
  percentiles: {
    term: 'P10–P90',
    meaning:
      'From a Monte Carlo run with draws: one draw in ten comes out below P10 and one in ten above P90; P50 is the median. The exact run uses each uncertain input’s central value.',
  },
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryKey = keyof typeof GLOSSARY;

/** An entry with `{unit}` filled in ("Cost per loan"). */
export function glossaryEntry(key: GlossaryKey, unit = 'unit'): GlossaryEntry {
  const e: GlossaryEntry = GLOSSARY[key];
  return { term: e.term.replaceAll('{unit}', unit), meaning: e.meaning.replaceAll('{unit}', unit) };
}

/** The README's glossary table (markdown), in the order above. */
export function glossaryMarkdown(): string {
  const rows = (Object.keys(GLOSSARY) as GlossaryKey[]).map((k) => {
    const e = glossaryEntry(k, '*unit*');
    return `| ${e.term} | ${e.meaning.replaceAll('|', '\\|')} |`;
  });
  return ['| figure | what it means |', '|---|---|', ...rows].join('\n');
}
