import { definedFields, envNumber } from './env';

describe('envNumber', () => {
  it('is undefined when the variable is unset or empty', () => {
    expect(envNumber({}, 'X')).toBeUndefined();
    expect(envNumber({ X: '' }, 'X')).toBeUndefined();
  });

  it('parses numbers, including zero and decimals', () => {
    expect(envNumber({ X: '0' }, 'X')).toBe(0);
    expect(envNumber({ X: '2.5' }, 'X')).toBe(2.5);
  });

  it('names the variable, not the value, when it is not a finite number', () => {
    expect(() => envNumber({ X: 'secret-ish' }, 'X')).toThrow(/^X must be a number$/);
    expect(() => envNumber({ X: 'Infinity' }, 'X')).toThrow('X must be a number');
  });
});

describe('definedFields', () => {
  it('drops undefined fields and keeps falsy defined ones', () => {
    expect(definedFields({ a: undefined, b: 0, c: '', d: null, e: 1 })).toEqual({ b: 0, c: '', d: null, e: 1 });
    expect(Object.keys(definedFields({ a: undefined }))).toEqual([]);
  });
});
