import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const REQUIRE = /\brequire\("([^"]+)"\)/g;

const resolveLocal = (from: string, spec: string): string => {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.js`, path.join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${from}: require("${spec}") resolves to no compiled file`);
};

const packageOf = (spec: string): string => {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};

/**
 * The packages a compiled entry point loads (its static `require("...")` graph, followed through the compiled tree,
 * not into node_modules): what its image must install. Node built-ins are left out; a relative require that names no
 * compiled file throws.
 */
export const packagesRequiredBy = (entries: readonly string[]): Set<string> => {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
      if (spec!.startsWith('.')) queue.push(resolveLocal(file, spec!));
      else if (!spec!.startsWith('node:') && !builtinModules.includes(packageOf(spec!))) packages.add(packageOf(spec!));
    }
  }
  return packages;
};
