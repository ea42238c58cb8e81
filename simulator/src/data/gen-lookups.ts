import type { FirmLookups } from '../store/records';
import type { GenContext } from './gen-context';
import {
  ACTIVITY_DESCRIPTIONS,
  DOCUMENT_CATEGORIES,
  EXPENSE_CATEGORIES,
  FIRM_NAMES,
  PRACTICE_AREAS,
  TASK_TYPES,
} from './vocab';

const rows = (names: readonly string[]) => names.map((name, i) => ({ id: i + 1, name }));

export const generateLookups = (g: GenContext): FirmLookups => {
  const rng = g.rng('lookups');
  return {
    createdAt: g.founded,
    account: { id: 1000 + rng.int(1, 8999), name: rng.pick(FIRM_NAMES) },
    practiceAreas: PRACTICE_AREAS.map(([name, category, code], i) => ({ id: i + 1, name, category, code })),
    groups: [
      { id: 1, name: 'Firm', type: 'AccountGroup' as const },
      ...PRACTICE_AREAS.slice(0, 4).map(([name], i) => ({
        id: i + 2,
        name: `${name} Team`,
        type: 'UserGroup' as const,
      })),
    ],
    taskTypes: rows(TASK_TYPES),
    activityDescriptions: rows(ACTIVITY_DESCRIPTIONS),
    expenseCategories: rows(EXPENSE_CATEGORIES),
    documentCategories: rows(DOCUMENT_CATEGORIES),
  };
};
