// Jest setup file (jest.config.js): every test database gets the migrations of every owner in the registry,
// loaded only when a test first creates a database.
import { useTestMigrations } from '@sf/testing';

useTestMigrations(async () => (await import('./migration-sets')).ALL_MIGRATION_SETS);
