import { parseArgs } from 'node:util';

export interface FlagSpec {
  /** Flags that take a value: `--name value` or `--name=value`. */
  values: readonly string[];
  /** Flags that take none (`--json`). */
  switches?: readonly string[];
  /** Words allowed before or between the flags (`job story <id>`); default none. */
  positionals?: number;
}

export interface Flags {
  values: Map<string, string>;
  switches: Set<string>;
  positionals: string[];
}

/**
 * The command-line flags of one command, tokenized by `parseArgs`: an unknown flag, a flag without a value, a
 * repeated flag or a stray word is an error (a string) that names it. The one parser style of every CLI here.
 */
export const parseFlags = (verb: string, args: readonly string[], spec: FlagSpec): Flags | string => {
  const switches = spec.switches ?? [];
  const options = Object.fromEntries([
    ...spec.values.map((name) => [name, { type: 'string' as const }]),
    ...switches.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const out: Flags = { values: new Map(), switches: new Set(), positionals: [] };
  const known = [...spec.values, ...switches];
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (out.positionals.length >= (spec.positionals ?? 0)) return `unknown argument ${t.value}`;
      out.positionals.push(t.value);
      continue;
    }
    if (t.kind === 'option-terminator') continue;
    if (!known.includes(t.name))
      return `unknown argument ${t.rawName} (${verb} takes ${known.map((f) => `--${f}`).join(', ') || 'no flags'})`;
    if (switches.includes(t.name)) {
      if (t.value !== undefined) return `${t.rawName} takes no value`;
      out.switches.add(t.name);
      continue;
    }
    if (t.value === undefined || t.value.startsWith('--')) return `${t.rawName} needs a value`;
    if (out.values.has(t.name)) return `${t.rawName} given twice`;
    out.values.set(t.name, t.value);
  }
  return out;
};
