/** Typed SCIM resources, in the subset of RFC 7643 that AWS IAM Identity Center supports. */

export interface ScimMeta {
  readonly resourceType?: string;
  readonly created?: string;
  readonly lastModified?: string;
}

export interface ScimName {
  readonly formatted?: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly middleName?: string;
}

/** AWS allows exactly one element in each multi-valued attribute, and an email must be primary. */
export interface ScimEmail {
  readonly value: string;
  readonly type?: string;
  readonly primary?: boolean;
}

/** What we send to create or replace a user. */
export interface UserInput {
  readonly userName: string;
  readonly displayName: string;
  readonly name: ScimName;
  readonly active?: boolean;
  readonly externalId?: string;
  readonly emails?: readonly ScimEmail[];
}

/** A user as AWS returns it. Absent optional attributes are omitted, never null. */
export interface ScimUser extends UserInput {
  readonly id: string;
  readonly active: boolean;
  readonly schemas?: readonly string[];
  readonly meta?: ScimMeta;
}

export interface MemberRef {
  readonly value: string;
}

export interface GroupInput {
  readonly displayName: string;
  readonly externalId?: string;
  /** At most 100 per request on the wire; the client splits larger sets (see ScimClient.createGroup). */
  readonly members?: readonly string[];
}

/** A group as AWS returns it: never with members (GetGroup omits them, ListGroups sends []). */
export interface ScimGroup {
  readonly id: string;
  readonly displayName: string;
  readonly externalId?: string;
  readonly schemas?: readonly string[];
  readonly meta?: ScimMeta;
}

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: unknown;
}

export interface ListResponse<T> {
  readonly schemas?: readonly string[];
  readonly totalResults?: number;
  readonly itemsPerPage?: number;
  readonly startIndex?: number;
  readonly nextCursor?: string;
  readonly Resources?: readonly T[];
}

export interface ServiceProviderConfig {
  readonly schemas?: readonly string[];
  readonly patch?: { readonly supported: boolean };
  readonly bulk?: { readonly supported: boolean };
  readonly filter?: { readonly supported: boolean; readonly maxResults?: number };
  readonly authenticationSchemes?: readonly { readonly type?: string; readonly name?: string }[];
}

/** The AWS SCIM error envelope (note the non-standard `schema` key and the string `status`). */
export interface ScimErrorBody {
  readonly schema?: readonly string[];
  readonly schemas?: readonly string[];
  readonly detail?: string;
  readonly status?: string | number;
  readonly scimType?: string;
  readonly exceptionRequestId?: string;
  readonly timeStamp?: string;
}
