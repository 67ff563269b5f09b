/** What the Rules editor shows in a workspace that has no allocation policy yet: a working start to edit. */
export const POLICY_TEMPLATE = `# yaml-language-server: $schema=https://aispend.local/allocation.schema.json
# Allocation policy: teams, the rules that give ledger lines to them, budgets and token allowances.
# The matching rule with the highest precedence wins; lines no rule matches stay "unallocated".
version: 1
name: Showback
cost: billed            # billed (the invoice) or effective (amortised commitments)
teams:
  - { id: team-a, name: Team A, costCentre: CC-100, businessUnit: Operations }
  - { id: team-b, name: Team B, costCentre: CC-200, businessUnit: Operations }
rules:
  # Every line tagged team=<id> goes to that team.
  - { id: team-tag, precedence: 10, match: { tag: { team: "*" } }, teamFromTag: team }
  # Tax is shared by fixed percentages (they must add up to 100).
  - { id: tax, precedence: 100, match: { chargeCategory: tax }, split: { basis: percent, percent: { team-a: 60, team-b: 40 } } }
budgets: []
allowances: []
`;
