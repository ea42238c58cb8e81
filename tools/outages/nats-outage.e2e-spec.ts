// NATS killed for 5 s during a first-login sync with mutations, then an incremental sync (nats-outage-case.ts).
import { describeNatsOutage } from './nats-outage-case';

describeNatsOutage(5, 300);
