// Postgres stopped for 5 s, fast and immediate, during a first-login and an incremental sync (postgres-outage-cases.ts).
// The 60 s cases take about three minutes more: `npm run test:outages:long` (postgres-long-outage.long-e2e-spec.ts).
import { describePostgresOutage } from './postgres-outage-cases';

describePostgresOutage(5);
