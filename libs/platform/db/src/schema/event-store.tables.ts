// Table interfaces for the event-store concern. Filled in by the migrations that create them.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventStoreTables {}
