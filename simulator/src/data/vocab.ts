/** Word lists for plausible law-firm data (people and addresses in vocab-people.ts). */
export {
  FIRST_NAMES,
  LAST_NAMES,
  COMPANY_WORDS,
  COMPANY_KINDS,
  COMPANY_SUFFIXES,
  CITIES,
  STREETS,
} from './vocab-people';

export const PRACTICE_AREAS = [
  ['Personal Injury', 'personal_injury', 'PI'],
  ['Family', 'family', 'FAM'],
  ['Criminal Defense', 'criminal', 'CRIM'],
  ['Real Estate', 'real_estate', 'RE'],
  ['Estate Planning', 'wills_and_estates', 'EST'],
  ['Corporate', 'business_formation_and_compliance', 'CORP'],
  ['Employment', 'employment_and_labor', 'EMP'],
  ['Immigration', 'immigration', 'IMM'],
  ['Bankruptcy', 'bankruptcy', 'BK'],
  ['Intellectual Property', 'intellectual_property', 'IP'],
] as const;

export const MATTER_TEMPLATES = [
  '{client} v. {other}',
  'Estate of {person}',
  'Acquisition of {company}',
  'Divorce - {person}',
  'Lease review for {company}',
  'Employment dispute - {person}',
  'Trademark registration - {company}',
  'DUI defense - {person}',
  'Chapter 7 filing - {person}',
  'Visa application - {person}',
  'Slip and fall - {person}',
  'Contract negotiation with {company}',
  'Will and trust - {person}',
] as const;

export const DOCUMENT_TITLES = [
  'Engagement Letter',
  'Retainer Agreement',
  'Complaint',
  'Answer',
  'Motion to Dismiss',
  'Discovery Requests',
  'Deposition Transcript',
  'Settlement Agreement',
  'Medical Records',
  'Invoice',
  'Correspondence',
  'Closing Statement',
  'Lease',
  'Purchase Agreement',
  'Power of Attorney',
  'Affidavit',
  'Expert Report',
  'Court Order',
  'Memo to File',
  'Photos',
] as const;

/** [extension, content type, min bytes, max bytes, weight] */
export const FILE_KINDS = [
  ['pdf', 'application/pdf', 40_000, 4_000_000, 50],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 15_000, 600_000, 25],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 10_000, 400_000, 6],
  ['msg', 'application/vnd.ms-outlook', 8_000, 250_000, 9],
  ['jpg', 'image/jpeg', 80_000, 3_500_000, 7],
  ['txt', 'text/plain', 500, 40_000, 3],
] as const;

export const FOLDER_NAMES = [
  'Pleadings',
  'Correspondence',
  'Discovery',
  'Billing',
  'Research',
  'Evidence',
  'Contracts',
  'Court Filings',
] as const;

export const TASK_NAMES = [
  'Draft complaint',
  'Call client',
  'File motion',
  'Review discovery',
  'Prepare for deposition',
  'Send engagement letter',
  'Calendar hearing',
  'Collect medical records',
  'Request documents',
  'Draft settlement terms',
  'Conflict check',
] as const;

export const EVENT_SUMMARIES = [
  'Client meeting',
  'Hearing',
  'Deposition',
  'Mediation',
  'Court appearance',
  'Strategy call',
  'Filing deadline',
  'Intake consultation',
] as const;

export const ACTIVITY_NOTES = [
  'Review correspondence',
  'Telephone call with client',
  'Draft pleading',
  'Legal research',
  'Court appearance',
  'Prepare discovery responses',
  'Email to opposing counsel',
  'Meeting with client',
  'Travel',
  'Revise agreement',
] as const;

export const TASK_TYPES = ['General', 'Filing', 'Client Contact', 'Research', 'Court', 'Billing'] as const;
export const ACTIVITY_DESCRIPTIONS = [
  'Research',
  'Drafting',
  'Court Appearance',
  'Client Meeting',
  'Telephone Call',
  'Travel',
  'Review',
  'Correspondence',
] as const;
export const EXPENSE_CATEGORIES = [
  'Filing Fee',
  'Courier',
  'Photocopies',
  'Mileage',
  'Expert Witness',
  'Postage',
] as const;
export const DOCUMENT_CATEGORIES = [
  'Pleading',
  'Correspondence',
  'Evidence',
  'Contract',
  'Billing',
  'Court Order',
  'Medical',
  'Internal',
] as const;

export const FIRM_NAMES = [
  'Hartley & Weiss LLP',
  'Morgan Reyes Law Group',
  'Castillo Brennan PC',
  'Northgate Legal LLP',
  'Whitfield & Osei',
] as const;
export const TIME_ZONES = [
  'Eastern Time (US & Canada)',
  'Central Time (US & Canada)',
  'Pacific Time (US & Canada)',
  'Mountain Time (US & Canada)',
] as const;
