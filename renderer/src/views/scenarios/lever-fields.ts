import type { LeverType } from '../../../../shared/api/scenarios';

/**
 * What the builder shows for each lever: every field with its unit and a
 * sentence of help, in the words of scenarios/README.md. `path` is relative
 * to the lever; the form writes exactly that key of the YAML.
 */
export type FieldKind =
  | 'share' // 0–1, may be a range or distribution
  | 'number' // may be a range or distribution
  | 'money' // decimal text, may be a range or distribution
  | 'int'
  | 'month'
  | 'model'
  | 'text'
  | 'enum'
  | 'workloads'
  | 'contract';

export interface FieldSpec {
  path: string[];
  label: string;
  kind: FieldKind;
  /** Shown after the input: "share of 0–1", "% change", "USD a month". */
  unit: string;
  help: string;
  options?: readonly { value: string; label: string }[];
  /** The lever needs it (the form says so; the YAML check enforces it). */
  required?: boolean;
  /** Shown only when another field has one of these values. */
  when?: { path: string[]; is: readonly (string | undefined)[] };
}

export interface LeverSpec {
  type: LeverType;
  title: string;
  summary: string;
  fields: FieldSpec[];
  /** What a new lever of this kind starts as (start month and models filled in by the builder). */
  template: (ctx: { start: string; model: string; otherModel: string; provider: string }) => Record<string, unknown>;
}

/** Fields every lever has, shown first. */
export const COMMON_FIELDS: FieldSpec[] = [
  { path: ['name'], label: 'Name', kind: 'text', unit: '', help: 'What this lever does, in a few words; shown in the savings waterfall.' },
  { path: ['start'], label: 'Start month', kind: 'month', unit: 'month', help: 'The first month the lever acts.', required: true },
  { path: ['rampMonths'], label: 'Ramp', kind: 'int', unit: 'months', help: 'Months to reach full effect, growing linearly; 0 or 1 is full effect from the start month.' },
  { path: ['workloads'], label: 'Workloads', kind: 'workloads', unit: '', help: 'The workloads the lever touches; none ticked means all of them.' },
];

const SHARE = 'share, 0–1';
const MONEY_MONTH = 'a month';

export const LEVERS: readonly LeverSpec[] = [
  {
    type: 'route',
    title: 'Route',
    summary: 'Move a share of one model’s traffic to another, or try a cheaper model first and escalate its failures.',
    template: ({ start, model, otherModel }) => ({ type: 'route', name: 'Route to a cheaper model', start, from: model, to: otherModel, share: 0.5 }),
    fields: [
      { path: ['from'], label: 'From model', kind: 'model', unit: 'provider/model', help: 'The model whose traffic moves.', required: true },
      { path: ['to'], label: 'To model', kind: 'model', unit: 'provider/model', help: 'The model that takes it.', required: true },
      {
        path: ['mode'],
        label: 'Mode',
        kind: 'enum',
        unit: '',
        help: 'Move: the share runs on the new model. Cascade: the new model goes first and what it fails escalates once to the old one.',
        options: [
          { value: 'move', label: 'move' },
          { value: 'cascade', label: 'cascade' },
        ],
      },
      { path: ['share'], label: 'Share moved', kind: 'share', unit: SHARE, help: 'Share of the from-model’s requests that move.', required: true },
      { path: ['successRate'], label: 'Success rate', kind: 'share', unit: SHARE, help: 'Share of the new model’s attempts that succeed (default: as the from-model).' },
      { path: ['maxRetries'], label: 'Retries', kind: 'int', unit: 'per request', help: 'Retries on the new model after a failure.' },
      { path: ['tokenRatio'], label: 'Token ratio', kind: 'number', unit: '× tokens', help: 'Tokens the new model uses relative to the old one (tokenizers and verbosity differ); 1.1 is 10% more.' },
      { path: ['outputTokenRatio'], label: 'Output token ratio', kind: 'number', unit: '× output tokens', help: 'Output tokens relative to the old model, when they differ from the token ratio.' },
      { path: ['latencyMs'], label: 'Latency', kind: 'number', unit: 'ms per attempt', help: 'Typical latency of one attempt, for the latency guardrail.' },
      { path: ['cacheWarmupMonths'], label: 'Cache warm-up', kind: 'number', unit: 'months', help: 'Moved traffic starts with an empty prompt cache: its hit rate rises from zero over these months, and prefixes are written (and paid for) again.' },
      { path: ['migrationCost'], label: 'Migration cost', kind: 'money', unit: 'once', help: 'One-time cost of the move (evals, prompt rework), paid in the start month; it sets the break-even month.' },
    ],
  },
  {
    type: 'cache',
    title: 'Cache',
    summary: 'Prompt caching (cacheable share, hit rate, lifetime) and response caching.',
    template: ({ start }) => ({ type: 'cache', name: 'Longer prompt cache', start, prompt: { hitRate: 0.9, ttl: '1h' } }),
    fields: [
      { path: ['prompt', 'cacheableShare'], label: 'Cacheable share of the prompt', kind: 'share', unit: SHARE, help: 'Share of each prompt that is a stable prefix (system prompt, documents) the cache can hold.' },
      { path: ['prompt', 'hitRate'], label: 'Hit rate', kind: 'share', unit: SHARE, help: 'Share of cacheable prefixes found in the cache; the rest are written to it.' },
      {
        path: ['prompt', 'ttl'],
        label: 'Cache lifetime',
        kind: 'enum',
        unit: '',
        help: 'Decides the write price: 5 minutes (about 1.25× input) or 1 hour (about 2× input).',
        options: [
          { value: '', label: '(as now)' },
          { value: '5m', label: '5 minutes' },
          { value: '1h', label: '1 hour' },
        ],
      },
      { path: ['response', 'share'], label: 'Response cache share', kind: 'share', unit: SHARE, help: 'Share of requests answered from a response cache without calling a model.' },
      { path: ['response', 'monthlyCost'], label: 'Response cache cost', kind: 'money', unit: MONEY_MONTH, help: 'Infrastructure cost of the response cache per month.' },
      { path: ['response', 'costPerRequest'], label: 'Cost per lookup', kind: 'money', unit: 'per request', help: 'Cost of each request looked up in the response cache.' },
    ],
  },
  {
    type: 'tier',
    title: 'Tier',
    summary: 'Move deferrable work to batch or flex, latency-critical work to priority.',
    template: ({ start }) => ({ type: 'tier', name: 'Overnight work in batch', start, batch: 0.3 }),
    fields: [
      { path: ['batch'], label: 'To batch', kind: 'share', unit: SHARE, help: 'Share of standard traffic sent through the vendor’s batch API (about half price, results within hours).' },
      { path: ['flex'], label: 'To flex', kind: 'share', unit: SHARE, help: 'Share of standard traffic on the flex tier (cheaper, slower, may be refused at peaks).' },
      { path: ['priority'], label: 'To priority', kind: 'share', unit: SHARE, help: 'Share of standard traffic on the priority tier (dearer, faster).' },
    ],
  },
  {
    type: 'contract',
    title: 'Contract',
    summary: 'Price a vendor’s usage under a stored contract, or an offer written here.',
    template: ({ start, provider }) => ({ type: 'contract', name: 'Negotiated offer', start, provider, offer: { discountPct: 10 } }),
    fields: [
      { path: ['provider'], label: 'Vendor', kind: 'text', unit: 'provider id', help: 'The vendor whose usage is priced under the contract from the start month, e.g. openai.', required: true },
      { path: ['contract'], label: 'Stored contract', kind: 'contract', unit: 'contract id', help: 'A contract stored in this workspace (Contracts view). Leave empty to write an offer below instead.' },
      { path: ['offer', 'discountPct'], label: 'Discount', kind: 'number', unit: '% off list', help: 'Percentage off list prices on every line.', when: { path: ['contract'], is: [undefined, ''] } },
      { path: ['offer', 'monthlyCommitment'], label: 'Monthly commitment', kind: 'money', unit: MONEY_MONTH, help: 'Take-or-pay: a month below it is billed up to it (the shortfall).', when: { path: ['contract'], is: [undefined, ''] } },
      { path: ['offer', 'minimumMonthlyFee'], label: 'Minimum monthly fee', kind: 'money', unit: MONEY_MONTH, help: 'The invoice is topped up to this amount.', when: { path: ['contract'], is: [undefined, ''] } },
    ],
  },
  {
    type: 'provision',
    title: 'Provisioned capacity',
    summary: 'Reserve units for a model; overflow above capacity is billed on demand.',
    template: ({ start, model }) => ({ type: 'provision', name: 'Provisioned units', start, model, units: 2, pricePerUnitHour: '1.00', tokensPerMinutePerUnit: 50000, peakFactor: 2 }),
    fields: [
      { path: ['model'], label: 'Model', kind: 'model', unit: 'provider/model', help: 'The model the units serve (standard-tier traffic).', required: true },
      { path: ['units'], label: 'Units', kind: 'number', unit: 'units', help: 'Provisioned units reserved.', required: true },
      { path: ['pricePerUnitHour'], label: 'Price per unit-hour', kind: 'money', unit: 'per unit-hour', help: 'Give this or the price per unit-month.' },
      { path: ['pricePerUnitMonth'], label: 'Price per unit-month', kind: 'money', unit: 'per unit-month', help: 'Give this or the price per unit-hour.' },
      { path: ['tokensPerMinutePerUnit'], label: 'Throughput per unit', kind: 'number', unit: 'tokens a minute', help: 'Tokens one unit serves a minute (input plus output times the output weight).', required: true },
      { path: ['peakFactor'], label: 'Peak factor', kind: 'number', unit: '× average rate', help: 'Peak rate over average rate: traffic is taken to run at its peak for 1/peak of the month.' },
      { path: ['outputTokenWeight'], label: 'Output token weight', kind: 'number', unit: '× an input token', help: 'How much an output token weighs against an input token in the throughput (vendors publish this).' },
    ],
  },
  {
    type: 'price',
    title: 'Price change',
    summary: 'A vendor or model price moves by a percentage; or the process’s non-AI costs do.',
    template: ({ start, provider }) => ({ type: 'price', name: 'Vendor price cut', start, provider, pct: -10 }),
    fields: [
      { path: ['pct'], label: 'Change', kind: 'number', unit: '% (−10 is 10% cheaper)', help: 'Price change from the start month; changes multiply.', required: true },
      {
        path: ['scope'],
        label: 'Applies to',
        kind: 'enum',
        unit: '',
        help: 'AI: vendor prices. Non-AI: the drivers’ non-AI costs (manual processing, review). All: both.',
        options: [
          { value: 'ai', label: 'AI prices' },
          { value: 'nonAi', label: 'non-AI costs' },
          { value: 'all', label: 'both' },
        ],
      },
      { path: ['provider'], label: 'Vendor', kind: 'text', unit: 'provider id', help: 'Only this vendor’s prices (empty: every vendor).' },
      { path: ['model'], label: 'Model', kind: 'text', unit: 'model id', help: 'Only this model’s prices (empty: every model).' },
    ],
  },
  {
    type: 'volume',
    title: 'Volume',
    summary: 'Business volume grows or shrinks; tokens or requests per unit drift.',
    template: ({ start }) => ({ type: 'volume', name: 'Volume grows', start, rampMonths: 12, factor: 2 }),
    fields: [
      { path: ['factor'], label: 'Volume factor', kind: 'number', unit: '× business units', help: 'Business volume times this at full ramp: 3 triples it.' },
      { path: ['monthlyGrowthPct'], label: 'Monthly growth', kind: 'number', unit: '% a month', help: 'Compound growth from the start month.' },
      { path: ['inputTokensPct'], label: 'Input tokens', kind: 'number', unit: '% change', help: 'Prompt tokens per request up or down.' },
      { path: ['outputTokensPct'], label: 'Output tokens', kind: 'number', unit: '% change', help: 'Output tokens per request up or down.' },
      { path: ['requestsPerUnitPct'], label: 'Requests per unit', kind: 'number', unit: '% change', help: 'Requests per business unit up or down.' },
    ],
  },
  {
    type: 'adjacent',
    title: 'Adjacent costs',
    summary: 'Costs around the AI: vector database, hardware, human review, people.',
    template: ({ start }) => ({ type: 'adjacent', name: 'Costs around the AI', start, costs: [{ name: 'vector database', kind: 'vector_db', fixedMonthly: '500' }] }),
    fields: [],
  },
  {
    type: 'alternative',
    title: 'Alternative',
    summary: 'A share of the work done by people or rules instead — or no AI at all.',
    template: ({ start }) => ({ type: 'alternative', name: 'People do part of the work', start, by: 'people', share: 0.2, costPerUnit: '2.00' }),
    fields: [
      {
        path: ['by'],
        label: 'Done by',
        kind: 'enum',
        unit: '',
        help: 'Who does the work instead of the AI.',
        options: [
          { value: 'people', label: 'people' },
          { value: 'rules', label: 'rules' },
        ],
      },
      { path: ['share'], label: 'Share of the work', kind: 'share', unit: SHARE, help: 'Share of the workload’s remaining AI work handled this way; 1 on every workload is no AI at all.', required: true },
      { path: ['costPerUnit'], label: 'Cost per business unit', kind: 'money', unit: 'per unit (e.g. loan)', help: 'Cost of handling one business unit’s share this way.' },
      { path: ['costPerRequest'], label: 'Cost per request', kind: 'money', unit: 'per request', help: 'Cost per request handled this way.' },
      { path: ['fixedMonthly'], label: 'Fixed cost', kind: 'money', unit: MONEY_MONTH, help: 'A fixed monthly cost of the alternative (a team, a rules engine).' },
      { path: ['successRate'], label: 'Success rate', kind: 'share', unit: SHARE, help: 'Share of the work the alternative gets right.' },
    ],
  },
];

/** The fields of one adjacent cost (a list inside the adjacent lever). */
export const ADJACENT_COST_FIELDS: FieldSpec[] = [
  { path: ['name'], label: 'Cost', kind: 'text', unit: '', help: 'What it is, e.g. vector database.', required: true },
  {
    path: ['kind'],
    label: 'Kind',
    kind: 'enum',
    unit: '',
    help: 'For the breakdown by kind.',
    options: [
      { value: 'vector_db', label: 'vector database' },
      { value: 'hardware', label: 'hardware' },
      { value: 'human_review', label: 'human review' },
      { value: 'workforce', label: 'workforce' },
      { value: 'other', label: 'other' },
    ],
  },
  { path: ['fixedMonthly'], label: 'Fixed', kind: 'money', unit: MONEY_MONTH, help: 'A fixed cost every month.' },
  { path: ['perUnit'], label: 'Per business unit', kind: 'money', unit: 'per unit', help: 'Per unit of the unit driver (e.g. per loan).' },
  { path: ['perRequest'], label: 'Per request', kind: 'money', unit: 'per request', help: 'Per AI request of the lever’s workloads.' },
  { path: ['oneTime'], label: 'One-time', kind: 'money', unit: 'once', help: 'Paid once in the start month.' },
];

export function leverSpec(type: string): LeverSpec | undefined {
  return LEVERS.find((l) => l.type === type);
}
