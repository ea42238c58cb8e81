// `npm run build`: compiles the workspace's runtime TypeScript (apps, libs, simulator, tools; tests and benchmarks
// left out) to CommonJS in dist/, with the tsconfig path aliases (`@sf/...`) rewritten to relative requires, so the
// output runs on plain `node` with production dependencies only (deploy/Dockerfile).
//
// swc rather than tsc: tsc keeps `@sf/...` specifiers as written (it never rewrites paths), so its output would need
// a second tool (tsc-alias) we do not have; swc resolves `jsc.paths` itself and compiles the tree in seconds.
// Typechecking stays `npm run typecheck`.
import { transformFile, type Options } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['apps', 'libs', 'simulator', 'tools'];
const SKIP_DIR = new Set(['node_modules', 'testing', 'fixtures', 'dist', 'tmp']);
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/;

/** Every `.ts` file under `dir` that is not a test, a declaration, or test support. */
export const runtimeSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIR.has(e.name) ? [] : runtimeSources(full);
    return e.isFile() && e.name.endsWith('.ts') && !TEST_FILE.test(e.name) ? [full] : [];
  });

const swcOptions = (): Options => {
  const { compilerOptions } = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return {
    swcrc: false,
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: ROOT,
      paths: compilerOptions.paths,
    },
  };
};

export interface BuildResult {
  outDir: string;
  files: number;
}

/** Compiles into `outDir` (emptied first): `<outDir>/<same relative path>.js` beside its source map. */
export const buildDist = async (outDir = path.join(ROOT, 'dist')): Promise<BuildResult> => {
  rmSync(outDir, { recursive: true, force: true });
  const options = swcOptions();
  const sources = SOURCE_DIRS.flatMap((d) => runtimeSources(path.join(ROOT, d)));
  // A few at a time: swc runs each file on its thread pool, and the machine may be shared.
  for (let i = 0; i < sources.length; i += 32) {
    await Promise.all(
      sources.slice(i, i + 32).map(async (file) => {
        const rel = path.relative(ROOT, file).replace(/\.ts$/, '.js');
        const out = path.join(outDir, rel);
        const { code, map } = await transformFile(file, { ...options, filename: file, outputPath: out });
        mkdirSync(path.dirname(out), { recursive: true });
        writeFileSync(out, map ? `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n` : code);
        if (map) writeFileSync(`${out}.map`, map);
      }),
    );
  }
  return { outDir, files: sources.length };
};

if (require.main === module) {
  const started = Date.now();
  buildDist(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    ({ outDir, files }) => console.log(`compiled ${files} files into ${outDir} in ${Date.now() - started} ms`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
