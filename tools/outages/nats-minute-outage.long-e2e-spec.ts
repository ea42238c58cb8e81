// NATS killed for 60 s during a first-login sync with mutations, then an incremental sync (nats-outage-case.ts).
import { describeNatsOutage } from './nats-outage-case';

describeNatsOutage(60, 420);
