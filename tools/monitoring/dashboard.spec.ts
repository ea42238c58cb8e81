import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcessMetrics } from '@sf/metrics';
import { metricsIn, unknownMetrics } from './metric-names';

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
}

const dashboard = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'deploy', 'grafana', 'sf-platform.json'), 'utf8'),
) as { panels: Panel[] };
const graphs = dashboard.panels.filter((p) => p.type !== 'row');

describe('Grafana dashboard (deploy/grafana/sf-platform.json)', () => {
  beforeAll(() => startProcessMetrics('dashboard-spec'));

  it('has a query on every panel, each reading at least one sf_ metric', () => {
    expect(graphs.length).toBeGreaterThan(20);
    for (const p of graphs) {
      const exprs = (p.targets ?? []).map((t) => t.expr);
      expect({ panel: p.title, reads: exprs.flatMap(metricsIn).length > 0 }).toEqual({ panel: p.title, reads: true });
    }
  });

  it('reads only metrics that exist in the registry of @sf/metrics', () => {
    const problems = graphs.flatMap((p) =>
      (p.targets ?? []).flatMap((t) => unknownMetrics(t.expr).map((m) => `${p.title}: ${m}`)),
    );
    expect(problems).toEqual([]);
  });
});
