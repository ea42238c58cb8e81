import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

export interface Rendered {
  objects: Manifest[];
  /** 'kubectl' when `kubectl kustomize` rendered it; 'files' when only the listed resource files were read. */
  by: 'kubectl' | 'files';
}

export const kubectlAvailable = (): boolean =>
  spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const documents = (text: string, source: string): Manifest[] =>
  parseAllDocuments(text).flatMap((d) => {
    if (d.errors.length > 0) throw new Error(`${source}: ${d.errors[0]!.message}`);
    const value = d.toJS() as Manifest | null;
    return value === null ? [] : [value];
  });

/** The resource files a kustomization lists, followed into the directories it lists (patches are not applied). */
const resourceFiles = (dir: string): Manifest[] => {
  const k = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as { resources?: string[] };
  return (k.resources ?? []).flatMap((r) => {
    const full = path.join(dir, r);
    return statSync(full).isDirectory() ? resourceFiles(full) : documents(readFileSync(full, 'utf8'), full);
  });
};

/** `kubectl kustomize <dir>` when kubectl is installed, otherwise the resource files it lists, unpatched. */
export const renderKustomization = (dir: string): Rendered => {
  if (!kubectlAvailable()) return { objects: resourceFiles(dir), by: 'files' };
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr}`);
  return { objects: documents(r.stdout, dir), by: 'kubectl' };
};

/** Validates one object against the Kubernetes schema of its apiVersion and kind (kubernetes-models). */
export const schemaErrorOf = async (o: Manifest): Promise<string | undefined> => {
  let models: Record<string, unknown>;
  try {
    models = (await import(`kubernetes-models/${o.apiVersion}`)) as Record<string, unknown>;
  } catch {
    return `${o.kind}/${o.metadata?.name}: no schema for apiVersion ${o.apiVersion}`;
  }
  const Model = models[o.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (Model === undefined) return `${o.kind}/${o.metadata?.name}: no schema for ${o.apiVersion} ${o.kind}`;
  try {
    new Model(o).validate();
    return undefined;
  } catch (err) {
    return `${o.kind}/${o.metadata.name}: ${err instanceof Error ? err.message : String(err)}`;
  }
};

export const ofKind = <T>(objects: Manifest[], kind: string): (T & Manifest)[] =>
  objects.filter((o) => o.kind === kind) as (T & Manifest)[];

export const named = <T>(objects: Manifest[], kind: string, name: string): T & Manifest => {
  const found = ofKind<T>(objects, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the rendered manifests`);
  return found;
};

/** Whether a label selector (matchLabels and In/NotIn/Exists expressions) selects these labels. */
export const selects = (
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string> = {},
): boolean =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (selector.matchExpressions ?? []).every((e) => {
    const v = labels[e.key];
    if (e.operator === 'In') return v !== undefined && (e.values ?? []).includes(v);
    if (e.operator === 'NotIn') return v === undefined || !(e.values ?? []).includes(v);
    if (e.operator === 'Exists') return v !== undefined;
    return v === undefined;
  });
