/** Clio's webhook models that the mirror holds, and the mirror entity type each one updates (Clio's wire names). */
export const WEBHOOK_MODELS = {
  matter: 'matters',
  contact: 'contacts',
  calendar_entry: 'calendar_entries',
  task: 'tasks',
  folder: 'folders',
  document: 'documents',
  activity: 'activities',
} as const;
export type WebhookModel = keyof typeof WEBHOOK_MODELS;
export type WebhookEntityType = (typeof WEBHOOK_MODELS)[WebhookModel];
