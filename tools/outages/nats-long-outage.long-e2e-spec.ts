// The acceptance's long NATS outage: NATS killed for 5 minutes during the firm's first-login (firm-wide, first) sync
// with mutations going on, then again for 5 minutes during an incremental sync, then one more incremental sync. No
// process is restarted by hand: every mirror table exact, every event of the log in the stream exactly once, every
// process ready within 10 s of NATS's return. Not in `npm test` (13 min, measured under load): `npm run test:outages:long`.
import { useOutageSuite } from './outage-suite';
import {
  exitedProcesses,
  slowClio,
  waitJobEnded,
  waitJobRunning,
  waitMirrorExact,
  waitStreamEqualsLog,
} from './outage-checks';
import { natsOutage, tokenRpcAnswers } from './infra-outage';

const OUTAGE_S = Number(process.env['SF_LONG_OUTAGE_S'] ?? 300);
const MINUTE = 60_000;

describe(`NATS down for ${OUTAGE_S} s during a first-login sync, then during an incremental sync`, () => {
  const started = Date.now();
  const suite = useOutageSuite({ processor: true, latencyMs: 250, startTimeoutMs: 4 * MINUTE });
  afterAll(() => console.log(`long NATS outage tests: ${((Date.now() - started) / 1000).toFixed(0)} s in all`));

  it(
    'first-login sync: heals without a hand, completes, health back within 10 s',
    async () => {
      const { stack, nats } = suite;
      await waitJobRunning(stack, 0, MINUTE);
      await stack.control('POST', '/activity/start', { opsPerMinute: 300 });
      const outage = await natsOutage(stack, nats, OUTAGE_S);
      expect(outage.whileDown['projections']).toBe(200);
      expect(await tokenRpcAnswers(stack, nats.url)).toBe(true);
      expect(await waitJobEnded(stack, 0, 10 * MINUTE)).toBe('completed');
      console.log(`first-login sync, NATS down ${OUTAGE_S} s: health back in ${outage.healedMs} ms`);
      expect(exitedProcesses(stack)).toEqual([]);
    },
    (OUTAGE_S + 15 * 60) * 1000,
  );

  it(
    'incremental sync: heals without a hand, completes, health back within 10 s',
    async () => {
      const { stack, nats } = suite;
      // Slower Clio answers keep the incremental job running when NATS goes away.
      const removeSlow = await slowClio(stack, 1_000);
      expect(await stack.requestFirmSync()).toBe(202);
      await waitJobRunning(stack, 1);
      const outage = await natsOutage(stack, nats, OUTAGE_S);
      await removeSlow();
      expect(await tokenRpcAnswers(stack, nats.url)).toBe(true);
      expect(await waitJobEnded(stack, 1, 10 * MINUTE)).toBe('completed');
      console.log(`incremental sync, NATS down ${OUTAGE_S} s: health back in ${outage.healedMs} ms`);
      expect(exitedProcesses(stack)).toEqual([]);
    },
    (OUTAGE_S + 15 * 60) * 1000,
  );

  it(
    'one more incremental sync: every mirror exact, stream = log',
    async () => {
      const { stack, nats } = suite;
      await stack.control('POST', '/activity/stop');
      expect(await stack.requestFirmSync()).toBe(202);
      expect(await waitJobEnded(stack, 2, 5 * MINUTE)).toBe('completed');
      await waitMirrorExact(stack, MINUTE);
      const cmp = await waitStreamEqualsLog(stack, nats.url, MINUTE);
      console.log(`after two ${OUTAGE_S} s NATS outages: stream vs log ${JSON.stringify(cmp)}`);
      expect(cmp).toEqual({ logEvents: cmp.logEvents, streamMessages: cmp.logEvents, missing: 0, duplicated: 0 });
      expect(exitedProcesses(stack)).toEqual([]);
    },
    10 * MINUTE,
  );
});
