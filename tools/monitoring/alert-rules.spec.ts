import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startProcessMetrics } from '@sf/metrics';
import { unknownMetrics } from './metric-names';

const DIR = join(__dirname, '..', '..', 'deploy', 'prometheus');

interface RuleFile {
  groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
}
interface TestFile {
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
}

const promtool = (): string => {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  if (!found)
    throw new Error(
      'promtool is not installed: it comes with Debian\'s "prometheus" package (apt-get install -y prometheus; .ci/run does it)',
    );
  return found;
};

describe('Prometheus alert rules (deploy/prometheus)', () => {
  const rules = parse(readFileSync(join(DIR, 'alerts.yml'), 'utf8')) as RuleFile;
  const tests = parse(readFileSync(join(DIR, 'alerts.test.yml'), 'utf8')) as TestFile;
  const alerts = rules.groups.flatMap((g) => g.rules);

  it('pass `promtool check rules` and `promtool test rules`', () => {
    const bin = promtool();
    execFileSync(bin, ['check', 'rules', 'alerts.yml'], { cwd: DIR, stdio: 'pipe' });
    const r = spawnSync(bin, ['test', 'rules', 'alerts.test.yml'], { cwd: DIR, encoding: 'utf8' });
    expect({ status: r.status, output: `${r.stdout}${r.stderr}` }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  it('test every alert with one case that fires and one that does not', () => {
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const { alert } of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect({ alert, fires: mine.some((c) => c.exp_alerts.length > 0) }).toEqual({ alert, fires: true });
      expect({ alert, quiet: mine.some((c) => c.exp_alerts.length === 0) }).toEqual({ alert, quiet: true });
    }
  });

  it('read only metrics that @sf/metrics defines', () => {
    startProcessMetrics('alert-rules-spec');
    expect(alerts.map((a) => ({ alert: a.alert, unknown: unknownMetrics(a.expr) }))).toEqual(
      alerts.map((a) => ({ alert: a.alert, unknown: [] })),
    );
  });
});
