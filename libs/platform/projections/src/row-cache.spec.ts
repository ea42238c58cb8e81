import { RowCache } from './row-cache';

type Row = { id: string; job: string | null; n: number };
const at = (position: bigint) => ({ txId: 1n, position });

describe('RowCache', () => {
  const make = (maxRows?: number) =>
    new RowCache<Row>({ keyOf: (r) => r.id, altKeyOf: (r) => r.job, ...(maxRows ? { maxRows } : {}) });

  it('serves rows only to a batch that continues from the position they were cached at', () => {
    const c = make();
    c.continueFrom(at(0n));
    c.advance([{ id: 'a', job: 'j1', n: 1 }], at(5n));
    c.continueFrom(at(5n));
    expect(c.get('a')).toEqual({ id: 'a', job: 'j1', n: 1 });
    c.advance([], at(9n));
    c.continueFrom(at(7n)); // someone else (or a rollback) left the table at another position
    expect(c.get('a')).toBeUndefined();
  });

  it('keeps the second key pointing at the current row', () => {
    const c = make();
    c.advance([{ id: 'a', job: 'j1', n: 1 }], at(1n));
    c.advance([{ id: 'a', job: 'j2', n: 2 }], at(2n));
    expect(c.getByAlt('j1')).toBeUndefined();
    expect(c.getByAlt('j2')).toEqual({ id: 'a', job: 'j2', n: 2 });
    c.advance([{ id: 'a', job: null, n: 3 }], at(3n));
    expect(c.getByAlt('j2')).toBeUndefined();
  });

  it('starts over instead of growing past its bound', () => {
    const c = make(2);
    c.advance(
      [
        { id: 'a', job: null, n: 1 },
        { id: 'b', job: null, n: 1 },
      ],
      at(1n),
    );
    c.advance([{ id: 'c', job: null, n: 1 }], at(2n));
    expect([c.get('a'), c.get('b'), c.get('c')?.id]).toEqual([undefined, undefined, 'c']);
  });
});
