import { withJsonText } from './json-text';

describe('withJsonText', () => {
  it('puts the text in place of the one empty object under the key, whatever strings around it hold', () => {
    const serialized = JSON.stringify({ note: '"data":{}', data: {}, after: 1 });
    const out = withJsonText(serialized, 'data', '{"a": [1, 2]}');
    expect(out).toContain('"data":{"a": [1, 2]}');
    expect(JSON.parse(out)).toEqual({ note: '"data":{}', data: { a: [1, 2] }, after: 1 });
  });

  it('refuses a value without the slot, or with two', () => {
    expect(() => withJsonText('{"data":null}', 'data', '1')).toThrow('exactly one "data":{}');
    expect(() => withJsonText(JSON.stringify({ data: {}, x: { data: {} } }), 'data', '1')).toThrow('exactly one');
  });
});
