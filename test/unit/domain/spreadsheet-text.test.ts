import { describe, expect, it } from 'vitest';
import { csvText, formulaSafe } from '../../../shared/domain/spreadsheet-text';

describe('text bound for a spreadsheet', () => {
  it('keeps text a spreadsheet would run as a formula as text', () => {
    expect(['=HYPERLINK("http://x","y")', '+cmd|calc', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(formulaSafe)).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|calc", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"]);
    expect(formulaSafe('gpt-4.1')).toBe('gpt-4.1');
  });

  it('quotes CSV fields with commas, quotes, line breaks or edge spaces', () => {
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText(' padded')).toBe('" padded"');
    expect(csvText('=1+1,2')).toBe('"\'=1+1,2"');
    expect(csvText(null)).toBe('');
  });
});
