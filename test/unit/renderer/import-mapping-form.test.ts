import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../shared/api/imports';
import { parseMapping } from '../../../shared/formats/generic/mapping-schema';
import { formFromMapping, formProblems, formToMapping, guessForm } from '../../../renderer/src/views/imports/mapping-form';

const LITELLM_HEADER = ['request_id', 'startTime', 'model', 'custom_llm_provider', 'api_key', 'team_id', 'user', 'prompt_tokens', 'completion_tokens', 'spend'];

describe('import wizard column mapping form', () => {
  it('guesses a gateway log from its header, and the guess is a valid mapping', () => {
    const form = guessForm(LITELLM_HEADER);
    expect(form.fields.chargePeriodStart).toEqual({ kind: 'column', column: 'startTime' });
    expect(form.fields.billedCost).toEqual({ kind: 'column', column: 'spend' });
    expect(form.fields.model).toEqual({ kind: 'column', column: 'model' });
    expect(form.fields.provider).toEqual({ kind: 'column', column: 'custom_llm_provider' });
    expect(form.fields.subAccount).toEqual({ kind: 'column', column: 'team_id' });
    expect(form.fields.credential).toEqual({ kind: 'column', column: 'api_key' });
    // No currency column: USD for every row, which the user can change.
    expect(form.fields.currency).toEqual({ kind: 'value', value: 'USD' });
    expect([form.inputTokens, form.outputTokens]).toEqual(['prompt_tokens', 'completion_tokens']);
    expect(formProblems(form)).toEqual([]);
    const mapping = formToMapping(form, 'LiteLLM');
    expect(parseMapping(mapping)).toEqual(mapping);
    expect(mapping.lines).toEqual([
      { usageClass: 'input', quantity: 'prompt_tokens' },
      { usageClass: 'output', quantity: 'completion_tokens' },
    ]);
  });

  it('names what is missing in the user\'s words', () => {
    const form = guessForm(['when', 'what']);
    expect(formProblems(form)).toEqual(['Date or period start must be mapped', 'Cost must be mapped']);
    const badCurrency = { ...guessForm(LITELLM_HEADER) };
    badCurrency.fields = { ...badCurrency.fields, currency: { kind: 'value', value: 'dollars' } };
    expect(formProblems(badCurrency)).toEqual(['Currency must be a three-letter code such as USD']);
  });

  it('round-trips the saved LiteLLM mapping through the form', () => {
    const saved = parseYaml(readFileSync(path.resolve(__dirname, '../../fixtures/formats/generic/litellm-mapping.yaml'), 'utf8')) as ColumnMapping;
    const form = formFromMapping(saved);
    const again = formToMapping(form, saved.name ?? '');
    expect(again.columns).toEqual(saved.columns);
    expect(again.lines).toEqual(saved.lines);
    expect(again.tags).toEqual(saved.tags);
  });
});
