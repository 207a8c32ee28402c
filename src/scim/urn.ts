/** SCIM 2.0 protocol constants as AWS IAM Identity Center uses them (RFC 7643/7644, AWS SCIM developer guide). */

export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
} as const;

/** AWS sync tools send this; AWS answers application/json. */
export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** AWS accepts at most this many member values in one CreateGroup or PatchGroup. */
export const MAX_MEMBER_OPERATIONS = 100;

/** AWS's page size in cursor mode (was 50 before cursor paging existed). */
export const MAX_PAGE_SIZE = 100;

/** Names AWS reserves: neither a userName nor a group displayName may take them. */
export const RESERVED_NAMES: readonly string[] = ['Administrator', 'AWSAdministrators'];

/**
 * AWS's published SCIM throttles: per API, per identity store. Membership operations inside
 * CreateGroup/PatchGroup count against a further, unpublished throttle.
 */
export const AWS_SCIM_LIMITS = { readsPerSecond: 40, writesPerSecond: 25 } as const;

/** SCIM attribute length limits from the Identity Store model that backs the SCIM endpoint. */
export const LIMITS = { userNameMax: 128, stringMax: 1024 } as const;
