// NATS killed (SIGKILL) in the middle of the firm's first-login sync with mutations going on, then started again on
// the same store: every process reconnects by itself, the sync completes, an incremental sync after it too, the
// mirror is exact, and every event of the log is in the stream exactly once (every recorded change in the changes
// stream too). Each case runs its own nats-server.
// The 5 s case runs in `npm test` (nats-outage.e2e-spec.ts); the 60 s case and the 5-minute outages (first-login and
// incremental sync) in `npm run test:outages:long`.
import { useOutageSuite } from './outage-suite';
import {
  exitedProcesses,
  waitChangesPublished,
  waitJobEnded,
  waitJobRunning,
  waitMirrorExact,
  waitStreamEqualsLog,
} from './outage-checks';
import { natsOutage, tokenRpcAnswers } from './infra-outage';

/** The NATS outage case for one outage length (a describe block); `timeoutS` bounds the first-login sync after it. */
export const describeNatsOutage = (outageS: number, timeoutS: number): void =>
  describe(`NATS down for ${outageS} s during a sync`, () => {
    const suite = useOutageSuite({ processor: true, latencyMs: 250 });

    it(
      'heals without a hand: sync and incremental sync exact, stream = log, health back within 10 s',
      async () => {
        const { stack, nats } = suite;
        await waitJobRunning(stack, 0, 60_000);
        await stack.control('POST', '/activity/start', { opsPerMinute: 600 });

        const outage = await natsOutage(stack, nats, outageS);
        expect(outage.whileDown['projections']).toBe(200);
        expect(await tokenRpcAnswers(stack, nats.url)).toBe(true);

        expect(await waitJobEnded(stack, 0, timeoutS * 1000)).toBe('completed');
        await stack.control('POST', '/activity/stop');
        expect(await stack.requestFirmSync()).toBe(202);
        expect(await waitJobEnded(stack, 1, 120_000)).toBe('completed');
        await waitMirrorExact(stack, 60_000);
        const cmp = await waitStreamEqualsLog(stack, nats.url, 60_000);
        console.log(
          `NATS down ${outageS} s: health back in ${outage.healedMs} ms; stream vs log ${JSON.stringify(cmp)}`,
        );
        expect(cmp).toEqual({ logEvents: cmp.logEvents, streamMessages: cmp.logEvents, missing: 0, duplicated: 0 });
        // The change relay published through the same outage: every recorded change once.
        const changes = await waitChangesPublished(stack, nats.url, 60_000);
        console.log(`NATS down ${outageS} s: changes stream vs table ${JSON.stringify(changes)}`);
        expect(changes).toEqual({
          logEvents: changes.logEvents,
          streamMessages: changes.logEvents,
          missing: 0,
          duplicated: 0,
        });
        expect(exitedProcesses(stack)).toEqual([]);
      },
      (timeoutS + 200) * 1000,
    );
  });
