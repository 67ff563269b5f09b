import type { LedgerFilter } from '../../shared/api/ledger';
import { WorkbenchError } from '../../shared/domain/errors';

const OPERATORS: [string, 'gte' | 'lte' | 'neq' | 'gt' | 'lt' | 'eq' | 'contains'][] = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'neq'],
  ['~=', 'contains'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'eq'],
];

/**
 * `--filter` expressions: `provider=openai`, `billedCost>=10`, `model~=gpt`,
 * `tag:workload=customer-support`. Field names are checked by the API schema.
 */
export function parseFilter(expression: string): LedgerFilter {
  if (expression.startsWith('tag:')) {
    const [key, ...rest] = expression.slice(4).split('=');
    if (!key || rest.length === 0) throw new WorkbenchError('bad_input', `write a tag filter as tag:NAME=VALUE, not "${expression}"`, { field: '--filter' });
    return { field: 'tag', op: 'tagEquals', key, value: rest.join('=') };
  }
  for (const [symbol, op] of OPERATORS) {
    const at = expression.indexOf(symbol);
    if (at > 0) {
      const field = expression.slice(0, at).trim();
      const value = expression.slice(at + symbol.length).trim();
      if (op === 'contains') return { field, op, value } as LedgerFilter;
      return { field, op, value } as LedgerFilter;
    }
  }
  throw new WorkbenchError('bad_input', `write a filter as FIELD=VALUE (or >=, <=, >, <, !=, ~=), not "${expression}"`, { field: '--filter' });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
