import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IDeployment, IStatefulSet } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IIngress, INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IPodTemplateSpec, IService } from 'kubernetes-models/v1';
import { PROCESSES, isProcessName, type ProcessSpec } from '../serve/processes';
import { named, ofKind, renderKustomization, schemaErrorOf, selects, type Manifest } from './manifests';

const ROOT = path.resolve(__dirname, '..', '..');
const K8S = path.join(ROOT, 'deploy/k8s');
const deployReadme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
const LONG_RUNNING = Object.entries(PROCESSES as Record<string, ProcessSpec>)
  .filter(([, p]) => p.production && p.health !== 'none')
  .map(([n]) => n);
const SCALED = ['clio-fetcher', 'document-processor', 'sync-orchestrator'];

describe.each([
  ['base', path.join(K8S, 'base')],
  ['production overlay', path.join(K8S, 'overlays/production')],
])('Kubernetes manifests: %s', (_label, dir) => {
  const { objects, by } = renderKustomization(dir);
  if (by === 'files') {
    // Without kubectl the resource files are still validated, but the overlay's patches are not applied.
    console.warn(`kubectl is not installed: validating ${dir}'s resource files without rendering them`);
  }
  const deployments = ofKind<IDeployment>(objects, 'Deployment');
  const pods: { name: string; template: IPodTemplateSpec }[] = [
    ...deployments.map((d) => ({ name: d.metadata.name, template: d.spec!.template })),
    ...ofKind<IStatefulSet>(objects, 'StatefulSet').map((s) => ({ name: s.metadata.name, template: s.spec!.template })),
    ...ofKind<IJob>(objects, 'Job').map((j) => ({ name: j.metadata.name, template: j.spec!.template })),
  ];
  const containers = (): (IContainer & { pod: string })[] =>
    pods.flatMap((p) => p.template.spec!.containers.map((c) => ({ ...c, pod: p.name })));
  const config = (name: string): Record<string, string> => named<IConfigMap>(objects, 'ConfigMap', name).data ?? {};

  it('every object is valid against the Kubernetes schema of its kind', async () => {
    expect(objects.length).toBeGreaterThan(20);
    const errors = (await Promise.all(objects.map(schemaErrorOf))).filter((e) => e !== undefined);
    expect(errors).toEqual([]);
  });

  it('runs every production process of the image: a Deployment per service, migrations as a Job', () => {
    const args = deployments.map((d) => d.spec!.template.spec!.containers[0]!.args?.[0]);
    expect(args.sort()).toEqual([...LONG_RUNNING].sort());
    for (const d of deployments) expect(d.metadata.name).toBe(d.spec!.template.spec!.containers[0]!.args![0]);
    expect(named<IJob>(objects, 'Job', 'migrate').spec!.template.spec!.containers[0]!.args).toEqual(['migrate']);
  });

  it('probes each process where it serves its health: ready on /health/ready, live on /health/live', () => {
    const env = config('sf-platform');
    for (const d of deployments) {
      const name = d.metadata.name;
      const c = d.spec!.template.spec!.containers[0]!;
      const spec: ProcessSpec | undefined = isProcessName(name) ? PROCESSES[name] : undefined;
      const health = spec?.health;
      const port =
        health === undefined || health === 'none'
          ? undefined
          : 'defaultPort' in health
            ? health.defaultPort
            : Number(env['HEALTH_PORT']);
      const probePort = c.ports!.find((p) => p.name === c.readinessProbe?.httpGet?.port)?.containerPort;
      expect({ name, probePort, ready: c.readinessProbe?.httpGet?.path, live: c.livenessProbe?.httpGet?.path }).toEqual(
        { name, probePort: port, ready: '/health/ready', live: '/health/live' },
      );
    }
  });

  it('gives every container resource requests and a memory limit, and runs it unprivileged', () => {
    for (const c of containers()) {
      expect({
        c: c.name,
        cpu: !!c.resources?.requests?.['cpu'],
        mem: !!c.resources?.requests?.['memory'],
        limit: !!c.resources?.limits?.['memory'],
      }).toEqual({ c: c.name, cpu: true, mem: true, limit: true });
      expect({
        c: c.name,
        esc: c.securityContext?.allowPrivilegeEscalation,
        ro: c.securityContext?.readOnlyRootFilesystem,
      }).toEqual({ c: c.name, esc: false, ro: true });
    }
    for (const p of pods)
      expect({ p: p.name, nonRoot: p.template.spec!.securityContext?.runAsNonRoot }).toEqual({
        p: p.name,
        nonRoot: true,
      });
  });

  it('covers every Deployment and the NATS cluster with a PodDisruptionBudget, and autoscales the workers', () => {
    const pdbs = ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
    for (const p of pods.filter((x) => x.name !== 'migrate')) {
      expect({ p: p.name, pdb: pdbs.some((b) => selects(b.spec!.selector!, p.template.metadata!.labels)) }).toEqual({
        p: p.name,
        pdb: true,
      });
    }
    const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.spec!.scaleTargetRef.name).sort()).toEqual([...SCALED].sort());
    for (const h of hpas) {
      expect(h.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      // The autoscaler owns the count: a Deployment that sets one is reset to it on every apply.
      expect(named<IDeployment>(objects, 'Deployment', h.spec!.scaleTargetRef.name).spec!.replicas).toBeUndefined();
    }
    for (const d of deployments.filter((x) => !SCALED.includes(x.metadata.name))) {
      expect({ d: d.metadata.name, replicas: d.spec!.replicas }).toEqual({
        d: d.metadata.name,
        replicas: expect.any(Number),
      });
      expect(d.spec!.replicas).toBeGreaterThanOrEqual(2);
    }
  });

  it('references every secret by name, each documented in deploy/README.md, and creates none', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const refs = new Set<string>();
    for (const c of containers()) {
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) refs.add(e.valueFrom.secretKeyRef.name!);
      for (const e of c.envFrom ?? []) if (e.secretRef) refs.add(e.secretRef.name!);
    }
    for (const p of pods) for (const v of p.template.spec!.volumes ?? []) if (v.secret) refs.add(v.secret.secretName!);
    expect(refs.size).toBeGreaterThan(3);
    for (const name of refs) {
      expect(deployReadme).toContain(`\`${name.startsWith('sf-nats-') ? 'sf-nats-<process>' : name}\``);
    }
    // Non-secret references resolve inside the render.
    for (const c of containers()) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.configMapKeyRef;
        if (ref && !ref.optional) expect(config(ref.name!)).toHaveProperty([ref.key]);
      }
      for (const e of c.envFrom ?? []) if (e.configMapRef) expect(config(e.configMapRef.name!)).toBeDefined();
    }
  });

  it('selects real pods and ports from every Service', () => {
    for (const s of ofKind<IService>(objects, 'Service')) {
      const target = pods.find((p) => selects({ matchLabels: s.spec!.selector }, p.template.metadata!.labels));
      expect({ s: s.metadata.name, found: !!target }).toEqual({ s: s.metadata.name, found: true });
      const ports = target!.template.spec!.containers.flatMap((c) => c.ports ?? []);
      for (const p of s.spec!.ports!)
        expect(ports.map((x) => (typeof p.targetPort === 'string' ? x.name : x.containerPort))).toContain(
          p.targetPort ?? p.port,
        );
    }
  });

  it('runs a 3-node JetStream cluster whose routes name its own pods, with streams of 3 replicas', () => {
    const nats = named<IStatefulSet>(objects, 'StatefulSet', 'nats');
    expect(nats.spec!.replicas).toBe(3);
    const conf = config('nats-config')['nats.conf']!;
    const routes = [...conf.matchAll(/nats:\/\/([a-z0-9-]+)\.([a-z0-9-]+):6222/g)];
    expect(routes.map((r) => r[1])).toEqual(['nats-0', 'nats-1', 'nats-2']);
    for (const r of routes) expect(r[2]).toBe(nats.spec!.serviceName);
    expect(conf).toContain('jetstream');
    expect(config('sf-platform')['SF_NATS_REPLICAS']).toBe('3');
  });

  it('nats.conf is accepted by nats-server (with an empty accounts file)', () => {
    const probe = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) return console.warn('nats-server is not installed: nats.conf not checked');
    const dir = mkdtempSync(path.join(tmpdir(), 'sf-nats-conf-'));
    try {
      mkdirSync(path.join(dir, 'accounts'));
      writeFileSync(path.join(dir, 'accounts/accounts.conf'), '');
      writeFileSync(path.join(dir, 'nats.conf'), config('nats-config')['nats.conf']!);
      const r = spawnSync('nats-server', ['-t', '-c', path.join(dir, 'nats.conf')], {
        encoding: 'utf8',
        env: { ...process.env, POD_NAME: 'nats-0' },
      });
      expect({ status: r.status, err: r.stderr }).toEqual({ status: 0, err: expect.any(String) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('denies by default and opens only the design paths', () => {
    const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
    const deny = named<INetworkPolicy>(objects, 'NetworkPolicy', 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const labelsOf = (name: string): Record<string, string> =>
      pods.find((p) => p.name === name)!.template.metadata!.labels!;
    const egressPorts = (name: string): number[] =>
      policies
        .filter((p) => selects(p.spec!.podSelector, labelsOf(name)) && p.spec!.policyTypes?.includes('Egress'))
        .flatMap((p) => (p.spec!.egress ?? []).flatMap((e) => (e.ports ?? []).map((x) => Number(x.port))));
    const distinct = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);
    expect(distinct(egressPorts('projections'))).toEqual([53, 5432]);
    expect(distinct(egressPorts('migrate'))).toEqual([53, 5432]);
    expect(distinct(egressPorts('relay'))).toEqual([53, 4222, 5432]);
    expect(distinct(egressPorts('sync-orchestrator'))).toEqual([53, 4222, 5432]);
    for (const n of ['auth-service', 'clio-fetcher', 'document-processor', 'webhooks'])
      expect(distinct(egressPorts(n))).toEqual([53, 443, 4222, 5432]);
    expect(distinct(egressPorts('nats'))).toEqual([53, 6222]);
    const ingressFrom = (name: string): boolean =>
      policies.some((p) => selects(p.spec!.podSelector, labelsOf(name)) && (p.spec!.ingress ?? []).length > 0);
    expect(['relay', 'projections', 'clio-fetcher', 'migrate'].filter(ingressFrom)).toEqual([]);
    expect(['auth-service', 'sync-orchestrator', 'document-processor', 'webhooks', 'nats'].every(ingressFrom)).toBe(
      true,
    );
  });

  it('runs the webhooks service where Clio can post to it, with its own vault keys and public origin', () => {
    const c = named<IDeployment>(objects, 'Deployment', 'webhooks').spec!.template.spec!.containers[0]!;
    const ref = (name: string) => c.env?.find((e) => e.name === name)?.valueFrom;
    expect(ref('TOKEN_VAULT_KEYS')?.secretKeyRef?.name).toBe('sf-webhooks');
    expect(ref('TOKEN_VAULT_ACTIVE_KID')?.secretKeyRef?.name).toBe('sf-webhooks');
    const origin = config('sf-webhooks')[ref('WEBHOOKS_PUBLIC_URL')!.configMapKeyRef!.key!]!;
    // Clio registers only https webhook URLs.
    expect(new URL(origin).protocol).toBe('https:');
    expect(c.env?.some((e) => e.name === 'WEBHOOKS_ROLES')).toBe(false);
  });
});

it("routes Clio's webhook deliveries to the webhooks service at the public origin (production)", () => {
  const { objects } = renderKustomization(path.join(K8S, 'overlays/production'));
  const origin = new URL(named<IConfigMap>(objects, 'ConfigMap', 'sf-webhooks').data!['WEBHOOKS_PUBLIC_URL']!);
  const routes = ofKind<IIngress>(objects, 'Ingress').flatMap((i) =>
    (i.spec!.rules ?? []).flatMap((r) =>
      (r.http?.paths ?? []).map((p) => ({ host: r.host, path: p.path, service: p.backend.service?.name })),
    ),
  );
  // The ingress serves POST /webhooks/clio/{subscriptionId} (apps/webhooks).
  expect(routes).toContainEqual({ host: origin.hostname, path: '/webhooks/clio', service: 'webhooks' });
});

// Objects the overlay must not lose or change kind of (a patch naming a missing object fails the render).
it('the production overlay keeps every base object', () => {
  const key = (o: Manifest): string => `${o.kind}/${o.metadata.name}`;
  const base = renderKustomization(path.join(K8S, 'base')).objects.map(key);
  const prod = renderKustomization(path.join(K8S, 'overlays/production')).objects.map(key);
  for (const k of base) expect(prod).toContain(k);
});
