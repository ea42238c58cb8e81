// Table interfaces for the read-models concern. Filled in by the migrations that create them.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReadModelTables {}
