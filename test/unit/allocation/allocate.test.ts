import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allocator, tokensOf, type LedgerLineToAllocate } from '../../../shared/domain/allocation/allocate';
import { checkPolicyYaml, loadPolicyYaml } from '../../../shared/domain/allocation/policy';
import { nanosToDecimal, parseMoney, parseScaledDecimal, rescale } from '../../../shared/domain/money';
import { CHARGE_CATEGORIES, USAGE_CLASSES } from '../../../shared/domain/usage';

const POLICY = `
version: 1
name: Test showback
teams:
  - { id: lending, name: Lending, costCentre: CC-1, businessUnit: Loans }
  - { id: risk, name: Credit risk, costCentre: CC-2, businessUnit: Risk }
  - { id: support, name: Servicing, costCentre: CC-3, businessUnit: Loans }
rules:
  - { id: by-team-tag, precedence: 10, match: { tag: { team: "*" } }, teamFromTag: team }
  - { id: extraction-project, precedence: 20, match: { subAccount: proj_extract }, team: lending, product: extraction }
  - { id: gateway, precedence: 30, match: { credential: key_gateway }, split: { basis: tokens, teams: [lending, risk] } }
  - { id: tax, precedence: 40, match: { chargeCategory: tax }, split: { basis: percent, percent: { lending: 50, risk: 30, support: 20 } } }
  - { id: platform, precedence: 35, match: { model: shared-embedder }, split: { basis: even } }
  - { id: commitment, precedence: 36, match: { chargeCategory: purchase }, split: { basis: cost, teams: [lending, risk, support] } }
`;

function line(over: Partial<Omit<LedgerLineToAllocate, 'cost'>> & { cost: string }): LedgerLineToAllocate {
  const { cost, ...rest } = over;
  return {
    provider: 'openai',
    billingAccount: 'org',
    subAccount: null,
    credential: null,
    model: 'gpt-4.1',
    usageClass: 'input',
    serviceTier: 'standard',
    chargeCategory: 'usage',
    region: null,
    tags: {},
    month: '2026-07',
    day: '2026-07-01',
    currency: 'USD',
    quantity: 1000,
    unit: 'tokens',
    ...rest,
    cost: parseMoney(cost),
  };
}

function run(lines: LedgerLineToAllocate[], yaml = POLICY) {
  const policy = loadPolicyYaml(yaml, 'rules.yaml');
  const allocator = new Allocator(policy);
  for (const l of lines) allocator.observe({ ...l, tokens: tokensOf(l.usageClass, l.quantity), lines: 1 });
  const parts = lines.map((l) => allocator.allocate(l));
  return { allocator, parts };
}

const amounts = (parts: { team: string; amount: bigint }[]) => Object.fromEntries(parts.map((p) => [p.team, nanosToDecimal(p.amount)]));

describe('allocation rules', () => {
  it('gives a line to the highest-precedence rule that matches it', () => {
    // Tagged team=risk (precedence 10) but on the extraction project (20): the project rule wins.
    const { parts } = run([line({ cost: '5.00', tags: { team: 'risk' }, subAccount: 'proj_extract' })]);
    expect(parts[0]).toEqual([expect.objectContaining({ team: 'lending', product: 'extraction', ruleId: 'extraction-project', method: 'direct', ratio: '1', amount: parseMoney('5.00') })]);
  });

  it('puts a line no rule claims, or a tag naming no team, in the unallocated bucket', () => {
    const { parts, allocator } = run([line({ cost: '1.25' }), line({ cost: '2.00', tags: { team: 'marketing' } })]);
    expect(parts[0]![0]).toMatchObject({ team: 'unallocated', ruleId: null, reason: 'no rule matches' });
    expect(parts[1]![0]).toMatchObject({ team: 'unallocated', ruleId: 'by-team-tag', reason: 'tag team=marketing names no declared team' });
    expect(allocator.notes.map((n) => n.message)).toEqual(['rule by-team-tag: tag team=marketing names no declared team; its lines stay unallocated']);
  });

  it('splits evenly: $100.00 over three teams is 33.34 / 33.33 / 33.33', () => {
    const { parts } = run([line({ cost: '100.00', model: 'shared-embedder' })]);
    expect(amounts(parts[0]!)).toEqual({ lending: '33.34', risk: '33.33', support: '33.33' });
    expect(parts[0]!.map((p) => p.ratio)).toEqual(['0.333333333334', '0.333333333333', '0.333333333333']);
    expect(parts[0]![0]).toMatchObject({ method: 'even', usageUnit: 'Teams', usageQuantity: 1 });
  });

  it('splits by fixed percentages: $10.01 tax at 50/30/20 is 5.01 / 3.00 / 2.00', () => {
    // 1001 cents × 50% = 500.5 → 500 (rem .5), × 30% = 300.3 → 300 (rem .3), × 20% = 200.2 → 200 (rem .2); 1 cent left → lending.
    const { parts } = run([line({ cost: '10.01', chargeCategory: 'tax', model: null })]);
    expect(amounts(parts[0]!)).toEqual({ lending: '5.01', risk: '3.00', support: '2.00' });
    expect(parts[0]!.map((p) => [p.ratio, p.usageUnit, p.usageQuantity])).toEqual([
      ['0.5', 'Percent', 50],
      ['0.3', 'Percent', 30],
      ['0.2', 'Percent', 20],
    ]);
  });

  it('splits by tokens the teams used directly that month', () => {
    // Direct tokens in July: lending 3,000 (one line), risk 1,000; the gateway's $8.00 splits 3:1 → 6.00 / 2.00.
    const { parts } = run([
      line({ cost: '1.00', tags: { team: 'lending' }, quantity: 3000 }),
      line({ cost: '9.00', tags: { team: 'risk' }, quantity: 1000 }),
      line({ cost: '8.00', credential: 'key_gateway', quantity: 500 }),
    ]);
    expect(amounts(parts[2]!)).toEqual({ lending: '6.00', risk: '2.00' });
    expect(parts[2]!.map((p) => [p.ratio, p.usageUnit, p.usageQuantity])).toEqual([
      ['0.75', 'Tokens', 3000],
      ['0.25', 'Tokens', 1000],
    ]);
  });

  it('splits by the cost each team was allocated directly in that month and currency', () => {
    // Direct July USD cost: lending 1.00 + 2.00 = 3.00, risk 9.00, support 0 → commitment $12.00 splits 3:9:0 → 3.00 / 9.00 / 0.00.
    // The EUR line does not count towards the USD basis.
    const { parts } = run([
      line({ cost: '1.00', tags: { team: 'lending' } }),
      line({ cost: '2.00', tags: { team: 'lending' } }),
      line({ cost: '9.00', tags: { team: 'risk' } }),
      line({ cost: '50.00', tags: { team: 'support' }, currency: 'EUR' }),
      line({ cost: '12.00', chargeCategory: 'purchase', model: null }),
    ]);
    expect(amounts(parts[4]!)).toEqual({ lending: '3.00', risk: '9.00', support: '0.00' });
  });

  it('stops with a clear error naming the file and field when a basis sums to zero', () => {
    const policy = loadPolicyYaml(POLICY, 'rules.yaml');
    const allocator = new Allocator(policy);
    const gateway = line({ cost: '8.00', credential: 'key_gateway' });
    allocator.observe({ ...gateway, tokens: 1000, lines: 1 });
    expect(() => allocator.allocate(gateway)).toThrow(
      expect.objectContaining({ file: 'rules.yaml', field: 'rules[2].split.basis', message: expect.stringContaining('the tokens of lending, risk in 2026-07 add up to zero') }),
    );
  });

  it('splits evenly instead when whenZero says so, and notes it', () => {
    const yaml = POLICY.replace('split: { basis: tokens, teams: [lending, risk] }', 'split: { basis: tokens, teams: [lending, risk], whenZero: even }');
    const { parts, allocator } = run([line({ cost: '8.00', credential: 'key_gateway' })], yaml);
    expect(amounts(parts[0]!)).toEqual({ lending: '4.00', risk: '4.00' });
    expect(allocator.notes[0]?.message).toMatch(/add up to zero in 2026-07; split evenly/);
  });

  it('totals team × month and reconciles to the ledger', () => {
    const { allocator } = run([
      line({ cost: '1.00', tags: { team: 'lending' }, quantity: 3000 }),
      line({ cost: '9.00', tags: { team: 'risk' }, quantity: 1000 }),
      line({ cost: '8.00', credential: 'key_gateway', quantity: 500 }),
      line({ cost: '0.40', month: '2026-08', day: '2026-08-03' }),
    ]);
    const totals = allocator.teamMonthTotals().map((t) => [t.team, t.month, nanosToDecimal(t.amount), t.tokens, t.lines]);
    // lending: 1.00 + 6.00 (gateway), tokens 3000 + 500 × 0.75; risk: 9.00 + 2.00, tokens 1000 + 125.
    expect(totals).toEqual([
      ['lending', '2026-07', '7.00', 3375, 2],
      ['risk', '2026-07', '11.00', 1125, 2],
      ['unallocated', '2026-08', '0.40', 1000, 1],
    ]);
    expect(allocator.reconcile().map((r) => [r.month, nanosToDecimal(r.ledger), nanosToDecimal(r.allocated)])).toEqual([
      ['2026-07', '18.00', '18.00'],
      ['2026-08', '0.40', '0.40'],
    ]);
  });
});

describe('policy validation', () => {
  const issues = (yaml: string) => {
    const r = checkPolicyYaml(yaml, 'rules.yaml');
    return r.ok ? [] : r.issues;
  };

  it('refuses two rules of equal precedence that can match the same line, naming both', () => {
    const found = issues(`
teams: [{ id: a }, { id: b }]
rules:
  - { id: by-project, precedence: 10, match: { subAccount: [p1, p2] }, team: a }
  - { id: by-key, precedence: 10, match: { credential: k1, subAccount: p2 }, team: b }
  - { id: other-project, precedence: 10, match: { subAccount: p3 }, team: b }
`);
    expect(found).toEqual([
      {
        field: 'rules[1].precedence',
        message:
          'rules "by-project" (subAccount p1|p2) and "by-key" (subAccount p2, credential k1) both have precedence 10 and can match the same line; give one a higher precedence or narrow its match',
      },
    ]);
  });

  it('refuses percentages that do not add up to 100', () => {
    expect(issues(`
teams: [{ id: a }, { id: b }]
rules:
  - { id: tax, precedence: 1, match: { chargeCategory: tax }, split: { basis: percent, percent: { a: 60, b: 35.5 } } }
`)).toEqual([{ field: 'rules[0].split.percent', message: 'the percentages add up to 95.5 (60 + 35.5), not 100' }]);
  });

  it('refuses negative and zero budgets, unknown teams and duplicate ids', () => {
    expect(issues(`
teams: [{ id: a }, { id: a }]
rules:
  - { id: r, precedence: 1, match: { model: m }, team: ghost }
budgets:
  - { id: b1, scope: { team: a }, period: month, amount: "-100", currency: USD }
  - { id: b2, scope: { team: a }, period: quarter, amount: "0", currency: USD }
`)).toEqual([
      { field: 'budgets[0].amount', message: 'must not be negative' },
      { field: 'budgets[1].amount', message: 'must be more than zero' },
    ]);
    expect(issues(`
teams: [{ id: a }, { id: a }]
rules:
  - { id: r, precedence: 1, match: { model: m }, team: ghost }
`)).toEqual([
      { field: 'teams[1].id', message: 'team id "a" is also used by teams[0]' },
      { field: 'rules[0].team', message: 'names team "ghost", which is not declared under teams' },
    ]);
  });

  it('refuses a rule with no target or two, and an empty match', () => {
    const found = issues(`
teams: [{ id: a }]
rules:
  - { id: r1, precedence: 1, match: { model: m } }
  - { id: r2, precedence: 2, match: {}, team: a }
`);
    expect(found.map((i) => i.field)).toEqual(['rules[0]', 'rules[1].match']);
  });

  it('names the line of a YAML syntax error', () => {
    const r = checkPolicyYaml('teams: [a\nrules: x', 'rules.yaml');
    expect(r.ok).toBe(false);
  });
});

describe('allocated total equals the ledger total for every month and currency (property)', () => {
  const TEAMS = ['t1', 't2', 't3'];
  const policyYaml = `
teams: [{ id: t1 }, { id: t2 }, { id: t3 }]
rules:
  - { id: tag, precedence: 1, match: { tag: { team: "*" } }, teamFromTag: team }
  - { id: shared-key, precedence: 5, match: { credential: shared }, split: { basis: tokens, whenZero: even } }
  - { id: shared-cost, precedence: 6, match: { model: platform }, split: { basis: cost, teams: [t1, t2], whenZero: even } }
  - { id: tax, precedence: 9, match: { chargeCategory: tax }, split: { basis: percent, percent: { t1: 33.3, t2: 33.3, t3: 33.4 } } }
  - { id: even, precedence: 7, match: { provider: gateway }, split: { basis: even } }
`;
  const arbLine = fc.record({
    month: fc.constantFrom('2026-01', '2026-02', '2026-03'),
    currency: fc.constantFrom('USD', 'EUR'),
    team: fc.constantFrom(...TEAMS, 'nobody', ''),
    credential: fc.constantFrom('shared', 'own', null),
    model: fc.constantFrom('platform', 'gpt', null),
    provider: fc.constantFrom('openai', 'gateway'),
    chargeCategory: fc.constantFrom(...CHARGE_CATEGORIES),
    usageClass: fc.constantFrom(...USAGE_CLASSES),
    quantity: fc.integer({ min: 0, max: 5_000_000 }),
    // Any nano-unit amount, credits included; some whole cents.
    cost: fc.oneof(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }).map((c) => c * 10_000_000n)),
  });

  it('holds for generated ledgers', () => {
    const policy = loadPolicyYaml(policyYaml, 'rules.yaml');
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 60 }), (generated) => {
        const lines: LedgerLineToAllocate[] = generated.map((g) => ({
          provider: g.provider,
          billingAccount: null,
          subAccount: null,
          credential: g.credential,
          model: g.model,
          usageClass: g.usageClass,
          serviceTier: 'standard',
          chargeCategory: g.chargeCategory,
          region: null,
          tags: (g.team === '' ? {} : { team: g.team }) as Record<string, string>,
          month: g.month,
          day: `${g.month}-01`,
          currency: g.currency,
          quantity: g.quantity,
          unit: 'tokens',
          cost: g.cost,
        }));
        const allocator = new Allocator(policy);
        for (const l of lines) allocator.observe({ ...l, tokens: tokensOf(l.usageClass, l.quantity), lines: 1 });
        const ledger = new Map<string, bigint>();
        for (const l of lines) {
          const parts = allocator.allocate(l);
          expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(l.cost);
          const ratioSum = parts.reduce((s, p) => s + rescale(parseScaledDecimal(p.ratio), 12), 0n);
          expect(ratioSum).toBe(10n ** 12n);
          const k = `${l.month} ${l.currency}`;
          ledger.set(k, (ledger.get(k) ?? 0n) + l.cost);
        }
        const byKey = new Map<string, bigint>();
        for (const t of allocator.teamMonthTotals()) byKey.set(`${t.month} ${t.currency}`, (byKey.get(`${t.month} ${t.currency}`) ?? 0n) + t.amount);
        expect(byKey).toEqual(ledger);
        expect(() => allocator.reconcile()).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
