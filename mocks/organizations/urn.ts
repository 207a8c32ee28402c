/**
 * Organizations (2016-11-28) protocol constants: the target prefix and the identifier patterns and
 * limits of the service model (aws-behavior.md §6.1–6.2).
 */
export const TARGET_PREFIX = 'AWSOrganizationsV20161128';

/** The model's patterns, verbatim; ParentId's alternation is unanchored on the left, as published. */
export const PATTERNS = {
  parentId: '^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$',
  childId: '^(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$',
  accountId: '^\\d{12}$',
  organizationalUnitId: '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$',
} as const;

export const LIMITS = {
  /** MaxResults of every List* call. */
  maxResultsMin: 1,
  maxResultsMax: 20,
  nextTokenMax: 100_000,
  parentIdMax: 100,
  childIdMax: 100,
  organizationalUnitIdMax: 68,
} as const;

export const CHILD_TYPES = ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] as const;

/** The service principal Identity Center needs trusted access for; always enabled here. */
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = 'sso.amazonaws.com';
