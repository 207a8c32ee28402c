import { NotEntitledError, SamlConfigError } from './errors';
import { buildSamlResponse, IdpSettings, IssuedResponse, ResponseContext, SpTarget } from './response';

/** A user as idemeum knows them, with the AWS ids SCIM gave them and their groups. */
export interface IdpUser {
  /** AWS user id (SCIM id). */
  readonly id: string;
  /** AWS userName (an email address). */
  readonly userName: string;
  /** How idemeum shows the user (the catalog's user picker). @default userName */
  readonly displayName?: string;
  /** AWS group ids the user is a member of. */
  readonly groupIds: readonly string[];
  /** Profile fields that `attribute_mappings` can read (e.g. department, costCenter). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** Who may use the AWS tile: users directly, or members of entitled groups. */
export interface Entitlements {
  readonly userIds: readonly string[];
  readonly groupIds: readonly string[];
}

export function isEntitled(user: IdpUser, entitlements: Entitlements): boolean {
  if (entitlements.userIds.includes(user.id)) return true;
  return user.groupIds.some((g) => entitlements.groupIds.includes(g));
}

/** The AccessControl values for a user: `mappings` is AccessControl key → user field name. */
export function accessControlFor(user: IdpUser, mappings: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(mappings)) {
    const value = field === 'userName' ? user.userName : user.fields?.[field];
    if (value === undefined) {
      throw new SamlConfigError('attribute_mappings', `attribute_mappings["${key}"] reads the field "${field}", which ${user.userName} does not have`);
    }
    out[key] = value;
  }
  return out;
}

/**
 * The sign-in idemeum performs when a user clicks the AWS tile: refuses users who are not
 * entitled, otherwise issues the signed SAMLResponse for IAM Identity Center.
 */
export function issueResponseForUser(
  idp: IdpSettings,
  sp: SpTarget,
  user: IdpUser,
  app: { readonly entitlements: Entitlements; readonly attributeMappings?: Readonly<Record<string, string>> },
  ctx: ResponseContext,
  relayState?: string,
): IssuedResponse {
  if (!isEntitled(user, app.entitlements)) throw new NotEntitledError(user.userName);
  const accessControl = accessControlFor(user, app.attributeMappings ?? {});
  return buildSamlResponse(idp, sp, { userName: user.userName, accessControl }, ctx, relayState);
}
