import { defineCounter, defineScrapedGauge, metricsText, startProcessMetrics, throttledSource } from './index';

describe('@sf/metrics', () => {
  it('serves Node defaults and the platform metrics in Prometheus text, labelled with the service', async () => {
    startProcessMetrics('metrics-spec');
    const { contentType, body } = await metricsText();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toMatch(/^sf_process_process_resident_memory_bytes\{service="metrics-spec"\} \d+/m);
    expect(body).toContain('# TYPE sf_clio_requests_total counter');
    expect(body).toContain('# TYPE sf_sync_jobs gauge');
  });

  it('reads scraped gauges at scrape time, leaves a failing source out and forgets a removed one', async () => {
    const g = defineScrapedGauge('sf_spec_items', 'spec gauge', ['kind']);
    let n = 1;
    const off = g.source(() => [{ labels: { kind: 'a' }, value: n }]);
    g.source(async () => {
      throw new Error('source down');
    });
    expect((await metricsText()).body).toMatch(/^sf_spec_items\{kind="a",service="[^"]+"\} 1$/m);
    n = 5;
    expect((await metricsText()).body).toMatch(/^sf_spec_items\{kind="a",service="[^"]+"\} 5$/m);
    off();
    expect((await metricsText()).body).not.toMatch(/^sf_spec_items\{/m);
  });

  it('refuses names outside the conventions', () => {
    expect(() => defineCounter('clio_requests_total', 'x')).toThrow(/sf_/);
    expect(() => defineCounter('sf_requests', 'x')).toThrow(/_total/);
  });

  it('reads a throttled source once per interval, and again at once after a failure', async () => {
    let clock = 0;
    let reads = 0;
    let fail = false;
    const source = throttledSource(
      () => {
        reads += 1;
        if (fail) throw new Error('down');
        return [{ labels: {}, value: reads }];
      },
      60_000,
      () => clock,
    );
    expect(await source()).toEqual([{ labels: {}, value: 1 }]);
    clock = 59_999;
    expect(await source()).toEqual([{ labels: {}, value: 1 }]);
    clock = 60_000;
    expect(await source()).toEqual([{ labels: {}, value: 2 }]);
    fail = true;
    clock = 130_000;
    await expect(source()).rejects.toThrow('down');
    fail = false;
    expect(await source()).toEqual([{ labels: {}, value: 4 }]);
  });
});
