/**
 * Why an organization change or lookup was refused. The Organizations surface maps these to AWS's
 * exceptions (mocks/organizations/errors.ts), the control API to HTTP statuses; nothing changes
 * when one is thrown.
 */

/** What kind of thing was not found, in the words of AWS's exception names. */
export type OrganizationEntity = 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' | 'PARENT' | 'CHILD';

export class OrganizationNotFoundError extends Error {
  constructor(
    readonly entity: OrganizationEntity,
    readonly id: string,
  ) {
    super(`${entity.toLowerCase().replace('_', ' ')} ${id} is not in the organization`);
    this.name = 'OrganizationNotFoundError';
  }
}

/** The change breaks one of the organization's rules (AWS: the Duplicate…/…NotEmpty/MasterCannotLeave… exceptions). */
export type OrganizationConflict =
  | 'DUPLICATE_ACCOUNT'
  | 'DUPLICATE_ORGANIZATIONAL_UNIT'
  | 'ORGANIZATIONAL_UNIT_NOT_EMPTY'
  | 'MANAGEMENT_ACCOUNT_CANNOT_LEAVE'
  | 'ACCOUNT_NOT_IN_SOURCE_PARENT';

export class OrganizationConflictError extends Error {
  constructor(
    readonly conflict: OrganizationConflict,
    message: string,
  ) {
    super(message);
    this.name = 'OrganizationConflictError';
  }
}

/** A value that can never be valid (an id of the wrong form, an unknown status). */
export class OrganizationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrganizationInputError';
  }
}
