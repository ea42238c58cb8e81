// Postgres stopped for 60 s, fast and immediate, during a first-login and an incremental sync (postgres-outage-cases.ts).
import { describePostgresOutage } from './postgres-outage-cases';

describePostgresOutage(60);
