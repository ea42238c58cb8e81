import { etagOf, ifNoneMatchHits } from './conditional-get';

describe('conditional GET', () => {
  it('tags equal bodies alike and different bodies differently', () => {
    expect(etagOf('{"a":1}')).toBe(etagOf('{"a":1}'));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf('{}')).toMatch(/^W\/"2-[A-Za-z0-9_-]+"$/);
  });

  it('matches If-None-Match weakly, in a list, or as *; not when absent or different', () => {
    const tag = etagOf('[]');
    expect(ifNoneMatchHits(tag, tag)).toBe(true);
    expect(ifNoneMatchHits(tag.replace(/^W\//, ''), tag)).toBe(true);
    expect(ifNoneMatchHits(`"x", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits('*', tag)).toBe(true);
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
    expect(ifNoneMatchHits('"x"', tag)).toBe(false);
  });
});
