// Collections nested in contacts and matters: no index endpoint of their own here, so no BaseRecord (no rev).

export interface AddressRecord {
  id: number;
  name: 'Work' | 'Home' | 'Billing' | 'Other';
  street: string;
  city: string;
  province: string;
  postal_code: string;
  country: string;
  primary: boolean;
  created_at: number;
  updated_at: number;
}

export interface EmailRecord {
  id: number;
  name: 'Work' | 'Home' | 'Other';
  address: string;
  primary: boolean;
  created_at: number;
  updated_at: number;
}

export interface PhoneRecord {
  id: number;
  name: 'Work' | 'Personal' | 'Other';
  number: string;
  primary: boolean;
  created_at: number;
  updated_at: number;
}

/** Clio's `WebSite` (nested in contacts). */
export interface WebSiteRecord {
  id: number;
  name: 'Work' | 'Personal' | 'Twitter' | 'Facebook' | 'LinkedIn' | 'Instant Messenger' | 'Other';
  address: string;
  default_web_site: boolean;
  created_at: number;
  updated_at: number;
}
