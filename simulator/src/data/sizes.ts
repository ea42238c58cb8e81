/** Firm size presets (seed 001's "Estimated Timeline by Firm Size" and "Typical Volume" tables). */
export const FirmSize = { Small: 'small', Medium: 'medium', Large: 'large', Enterprise: 'enterprise' } as const;
export type FirmSize = (typeof FirmSize)[keyof typeof FirmSize];

/** How many records of each kind the generator makes. Folders and document versions follow from these. */
export interface EntityCounts {
  users: number;
  contacts: number;
  matters: number;
  calendar_entries: number;
  tasks: number;
  /** Documents, spread over the matters' folder trees. */
  documents: number;
  /** Time and expense entries. */
  activities: number;
  /** Custom fields per parent type (matter, contact); at least 12 so every field type occurs. */
  custom_fields_per_parent: number;
  /** Sub-folders per matter, on average (each matter also has its own folder). */
  folders_per_matter: number;
}

/**
 * Concrete counts per size. Seed ranges: Small <500 matters / <1,000 contacts; Medium 500-2,000 / 1,000-10,000;
 * Large 2,000-10,000 / 10,000-50,000; Enterprise >10,000 / >50,000; calendar 1k-20k, tasks 500-5k, documents
 * 1k-100k, time entries 5k-100k (the top of each range for Enterprise).
 */
export const SIZE_PRESETS: Readonly<Record<FirmSize, EntityCounts>> = {
  small: {
    users: 8,
    contacts: 800,
    matters: 300,
    calendar_entries: 1_000,
    tasks: 500,
    documents: 2_000,
    activities: 5_000,
    custom_fields_per_parent: 12,
    folders_per_matter: 2,
  },
  medium: {
    users: 30,
    contacts: 5_000,
    matters: 1_200,
    calendar_entries: 5_000,
    tasks: 1_500,
    documents: 12_000,
    activities: 20_000,
    custom_fields_per_parent: 14,
    folders_per_matter: 3,
  },
  large: {
    users: 120,
    contacts: 25_000,
    matters: 5_000,
    calendar_entries: 12_000,
    tasks: 3_500,
    documents: 50_000,
    activities: 60_000,
    custom_fields_per_parent: 16,
    folders_per_matter: 3,
  },
  enterprise: {
    users: 300,
    contacts: 60_000,
    matters: 12_000,
    calendar_entries: 20_000,
    tasks: 5_000,
    documents: 100_000,
    activities: 100_000,
    custom_fields_per_parent: 18,
    folders_per_matter: 3,
  },
};

export const isFirmSize = (s: string): s is FirmSize => Object.values(FirmSize).includes(s as FirmSize);

export const countsFor = (size: FirmSize, overrides: Partial<EntityCounts> = {}): EntityCounts => ({
  ...SIZE_PRESETS[size],
  ...overrides,
});
