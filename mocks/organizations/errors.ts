/**
 * Organizations' exceptions. Texts are the model's documentation of each shape ([V] M-ORG), except
 * where a live text was observed (aws-behavior.md §6.3); the service answers them all with HTTP 400.
 */
import { AwsJsonError } from '../awsjson/errors';
import { OrganizationConflictError, OrganizationNotFoundError } from '../store';

export class AwsOrganizationsNotInUseException extends AwsJsonError {
  constructor() {
    super('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
}

/** The `Reason` values of InvalidInputException the emulator produces. */
export type InvalidInputReason =
  | 'INPUT_REQUIRED'
  | 'INVALID_ENUM'
  | 'INVALID_NEXT_TOKEN'
  | 'INVALID_PATTERN'
  | 'MAX_LENGTH_EXCEEDED'
  | 'MAX_VALUE_EXCEEDED'
  | 'MIN_VALUE_EXCEEDED';

const INVALID_INPUT_TEXT: Record<InvalidInputReason, string> = {
  INPUT_REQUIRED: 'You must include a value for all required parameters.',
  INVALID_ENUM: 'You specified an invalid value.',
  INVALID_NEXT_TOKEN: 'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.',
  INVALID_PATTERN: 'You provided a value that does not match the required pattern.',
  MAX_LENGTH_EXCEEDED: 'You provided a string parameter that is longer than allowed.',
  MAX_VALUE_EXCEEDED: 'You provided a numeric parameter that has a larger value than allowed.',
  MIN_VALUE_EXCEEDED: 'You provided a numeric parameter that has a smaller value than allowed.',
};

export class InvalidInputException extends AwsJsonError {
  constructor(readonly reason: InvalidInputReason) {
    super('InvalidInputException', INVALID_INPUT_TEXT[reason], { Reason: reason });
  }
}

const NOT_FOUND = {
  ACCOUNT: ['AccountNotFoundException', "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization."],
  ORGANIZATIONAL_UNIT: ['OrganizationalUnitNotFoundException', "We can't find an OU with the OrganizationalUnitId that you specified."],
  PARENT: ['ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified."],
  CHILD: ['ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified."],
  SOURCE_PARENT: ['SourceParentNotFoundException', "We can't find a source root or OU with the ParentId that you specified."],
  DESTINATION_PARENT: ['DestinationParentNotFoundException', "We can't find the destination container (a root or OU) with the ParentId that you specified."],
} as const;

export type NotFoundKind = keyof typeof NOT_FOUND;

export class OrganizationsNotFoundException extends AwsJsonError {
  constructor(kind: NotFoundKind) {
    super(NOT_FOUND[kind][0], NOT_FOUND[kind][1]);
  }
}

export class DuplicateAccountException extends AwsJsonError {
  constructor() {
    super('DuplicateAccountException', 'That account is already present in the specified destination.');
  }
}

/** Runs a store call and answers its typed errors as Organizations would. */
export function asOrganizations<T>(fn: () => T, notFoundAs?: Partial<Record<OrganizationNotFoundError['entity'], NotFoundKind>>): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof OrganizationNotFoundError) throw new OrganizationsNotFoundException(notFoundAs?.[err.entity] ?? err.entity);
    if (err instanceof OrganizationConflictError && err.conflict === 'DUPLICATE_ACCOUNT') throw new DuplicateAccountException();
    if (err instanceof OrganizationConflictError && err.conflict === 'ACCOUNT_NOT_IN_SOURCE_PARENT') throw new OrganizationsNotFoundException('SOURCE_PARENT');
    throw err;
  }
}
