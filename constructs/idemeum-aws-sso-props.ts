import type { IdemeumAwsApplicationProps } from './idemeum-aws-application';
import type { PermissionSetProps } from './permission-set';
import type { FromDisplayNameOptions } from './pushed-group';
import type { PushedUserProps } from './pushed-user';
import type { ScimLinkProps } from './scim-link';

/** A group this stack pushes. */
export interface SsoGroupSpec {
  /** Unique in AWS; also the group's name in grants. */
  readonly displayName: string;
  /** User names (emails) of the members; each must be in `users`. @default - no members */
  readonly members?: string[];
  /** @default - none */
  readonly externalId?: string;
  /** Take over an existing AWS group with this name. @default false */
  readonly adoptExisting?: boolean;
}

/** A group pushed outside this stack, found by display name at plan time. */
export interface SsoExternalGroupSpec extends FromDisplayNameOptions {
  readonly displayName: string;
}

/** A permission set; its name is how grants refer to it. */
export type SsoPermissionSetSpec = Omit<PermissionSetProps, 'instance'>;

/** Which groups and users get which permission set on which accounts and organizational units. */
export interface SsoGrantSpec {
  /** Display names of groups from `groups` or `externalGroups`. @default - none; name at least one group or user */
  readonly groups?: string[];
  /**
   * User names from `users`; each gets the permission set directly (`principal_type = "USER"`).
   * @default - none; name at least one group or user
   */
  readonly users?: string[];
  /** Name of a permission set from `permissionSets`. */
  readonly permissionSet: string;
  /** 12-digit AWS account ids. @default - none; name at least one account or organizational unit */
  readonly accounts?: string[];
  /**
   * Organizational units (`ou-…`) or the root (`r-…`): every ACTIVE account below them, read at plan
   * time, so accounts joining or leaving the OU gain or lose the grant on the next apply.
   * @default - none; name at least one account or organizational unit
   */
  readonly organizationalUnits?: string[];
}

/** The AWS tile in idemeum; who may launch it is given by `entitledGroups`/`entitledUsers`. */
export type SsoApplicationSpec = Omit<IdemeumAwsApplicationProps, 'entitledGroups' | 'entitledUsers'>;

export interface IdemeumAwsSsoProps {
  /**
   * IAM Identity Center instance ARN.
   * @default - looked up with data "aws_ssoadmin_instances"
   */
  readonly instanceArn?: string;
  /**
   * The SCIM connection (endpoint, token, token issue date).
   * @default - no ScimLink; the stack's idemeum provider reads IDEMEUM_SCIM_ENDPOINT/IDEMEUM_SCIM_TOKEN
   */
  readonly scim?: ScimLinkProps;
  /** @default - no AWS application is managed (SAML set up elsewhere) */
  readonly application?: SsoApplicationSpec;
  /** @default - none */
  readonly users?: PushedUserProps[];
  /** @default - none */
  readonly groups?: SsoGroupSpec[];
  /** @default - none */
  readonly externalGroups?: SsoExternalGroupSpec[];
  /** @default - none */
  readonly permissionSets?: SsoPermissionSetSpec[];
  /** @default - none */
  readonly grants?: SsoGrantSpec[];
  /**
   * Display names of groups whose members see the AWS tile. Needs `application`.
   * @default - every group named in a grant
   */
  readonly entitledGroups?: string[];
  /**
   * User names entitled to the AWS tile individually. Needs `application`.
   * @default - every user named in a grant
   */
  readonly entitledUsers?: string[];
}
