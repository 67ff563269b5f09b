import { describe, expect, it } from 'vitest';
import { add, clamp01, cmp, div, excelRound, iff, mul, num, ref, round, roundHalfEven, sub } from '../../../shared/workbook/expr';

describe('formulas that carry their value', () => {
  it('writes the text Excel reads and the value it computes, with parentheses only where needed', () => {
    const a = ref('A1', 2);
    const b = ref('B1', 3);
    const c = ref('C1', 4);
    const e = mul(add(a, b), sub(c, a));
    expect(e.f).toBe('(A1+B1)*(C1-A1)');
    expect(e.v).toBe(10); // (2 + 3) × (4 − 2)
    expect(sub(a, add(b, c)).f).toBe('A1-(B1+C1)');
    expect(div(a, mul(b, c)).f).toBe('A1/(B1*C1)');
    expect(num(-0.5).f).toBe('(-0.5)');
    expect(num(1e-7).f).toBe('1E-7');
    expect(clamp01(ref('X', 1.4))).toMatchObject({ f: 'MIN(1,MAX(0,X))', v: 1 });
    expect(iff(cmp(a, '>', b), a, b)).toMatchObject({ f: 'IF(A1>B1,A1,B1)', v: 3 });
  });

  it('rounds as Excel does: half away from zero, on the number shown to 15 digits', () => {
    expect(excelRound(2.675, 2)).toBe(2.68); // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary
    expect(excelRound(-2.5, 0)).toBe(-3);
    expect(excelRound(0.1 + 0.2, 9)).toBe(0.3);
    expect(round(ref('A1', 1.0000000005), 9)).toMatchObject({ f: 'ROUND(A1,9)', v: 1.000000001 });
  });

  it('rounds an amount per unit half to even at the nano-unit, as the engine does', () => {
    // 0.9259070625 is exactly between 0.925907062 and 0.925907063: even wins.
    expect(roundHalfEven(ref('X', 0.9259070625), 9).v).toBeCloseTo(0.925907062, 12);
    expect(roundHalfEven(ref('X', 0.9259070635), 9).v).toBeCloseTo(0.925907064, 12);
    expect(roundHalfEven(ref('X', 0.92590706251), 9).v).toBeCloseTo(0.925907063, 12);
    expect(roundHalfEven(ref('X', -0.9259070625), 9).v).toBeCloseTo(-0.925907062, 12);
    expect(roundHalfEven(ref('X', 1), 9).f).toBe('SIGN(X)*(ROUND(ABS(X),9)-IF(AND(ISEVEN(TRUNC(ABS(X)*1E9)),ROUND(ABS(X)*1E9-TRUNC(ABS(X)*1E9),6)=0.5),1E-9,0))');
  });
});
