/** A parsed `fields` entry: `client{id,name}` → `{ name: 'client', sub: [{name:'id'},{name:'name'}] }`. */
export interface FieldSelection {
  name: string;
  sub?: FieldSelection[];
}

export type ParseResult = { ok: true; fields: FieldSelection[] } | { ok: false; message: string };

const NAME = /^[a-z_][a-z0-9_]*$/i;

/**
 * Parse Clio's `fields` syntax: comma-separated names, one level of `{...}` nesting. A second level of braces, unbalanced
 * braces or an empty/odd name is an error (400, D-F).
 */
export const parseFields = (raw: string): ParseResult => {
  const out: FieldSelection[] = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    let j = i;
    while (j < n && raw[j] !== ',' && raw[j] !== '{' && raw[j] !== '}') j++;
    const name = raw.slice(i, j).trim();
    if (!NAME.test(name)) return { ok: false, message: `Invalid field name ${JSON.stringify(name)} in fields` };
    if (raw[j] === '}') return { ok: false, message: 'Unbalanced braces in fields' };
    if (raw[j] === '{') {
      const close = raw.indexOf('}', j + 1);
      if (close < 0) return { ok: false, message: 'Unbalanced braces in fields' };
      const inner = raw.slice(j + 1, close);
      if (inner.includes('{')) return { ok: false, message: 'Nested fields deeper than one level are not supported' };
      const sub: FieldSelection[] = [];
      for (const part of inner.split(',')) {
        const s = part.trim();
        if (!NAME.test(s)) return { ok: false, message: `Invalid field name ${JSON.stringify(s)} in fields` };
        sub.push({ name: s });
      }
      out.push({ name, sub });
      j = close + 1;
      if (j < n && raw[j] !== ',') return { ok: false, message: 'Expected a comma after a closing brace in fields' };
    } else {
      out.push({ name });
    }
    i = j + 1;
    if (j === n - 1 && raw[j] === ',') return { ok: false, message: 'Trailing comma in fields' };
  }
  return { ok: true, fields: out };
};
