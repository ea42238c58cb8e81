export { uniqueName } from './unique-name';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { createTestDatabase, ADMIN_DATABASE_URL } from './test-database';
export type { TestDatabase } from './test-database';
export { connectTestNats, TEST_NATS_URL } from './nats';
export { projectionSpec, type ProjectionLike, type ProjectionThenOptions, type RowsQuery } from './projection-spec';
export { DeciderSpecification, DEFAULT_DECIDER_NOW } from './decider-spec';
export type { Decider, DeciderSpec, DeciderGiven, DeciderThen, DeciderSpecOptions } from './decider-spec';
