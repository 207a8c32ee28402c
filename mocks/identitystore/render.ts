import { epochSeconds, JsonObject } from '../awsjson/handler';
import type { EmulatorState, Membership, MultiValue, StoredGroup, StoredUser } from '../store';
import { externalIds } from './common';
import { scimIssuer } from './urn';

/** Drops undefined members: awsJson omits absent values rather than sending null. */
function compact(o: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function multi(values: MultiValue[]): JsonObject[] | undefined {
  if (values.length === 0) return undefined;
  return values.map((v) => compact({ Value: v.value, Type: v.type, Primary: v.primary }));
}

export function renderGroup(state: EmulatorState, g: StoredGroup): JsonObject {
  return compact({
    GroupId: g.id,
    DisplayName: g.displayName,
    ...externalIds(scimIssuer(state), g.externalId),
    Description: g.description,
    CreatedAt: epochSeconds(g.created),
    UpdatedAt: epochSeconds(g.lastModified),
    IdentityStoreId: state.identityStoreId,
  });
}

export function renderUser(state: EmulatorState, u: StoredUser): JsonObject {
  return compact({
    UserName: u.userName,
    UserId: u.id,
    ...externalIds(scimIssuer(state), u.externalId),
    Name: compact({
      Formatted: u.name.formatted,
      FamilyName: u.name.familyName,
      GivenName: u.name.givenName,
      MiddleName: u.name.middleName,
      HonorificPrefix: u.name.honorificPrefix,
      HonorificSuffix: u.name.honorificSuffix,
    }),
    DisplayName: u.displayName,
    NickName: u.nickName,
    ProfileUrl: u.profileUrl,
    Emails: multi(u.emails),
    Addresses:
      u.addresses.length === 0
        ? undefined
        : u.addresses.map((a) =>
            compact({
              StreetAddress: a.streetAddress, Locality: a.locality, Region: a.region, PostalCode: a.postalCode,
              Country: a.country, Formatted: a.formatted, Type: a.type, Primary: a.primary,
            }),
          ),
    PhoneNumbers: multi(u.phoneNumbers),
    UserType: u.userType,
    Title: u.title,
    PreferredLanguage: u.preferredLanguage,
    Locale: u.locale,
    Timezone: u.timezone,
    // SCIM active:false is what Identity Store shows as DISABLED.
    UserStatus: u.active ? 'ENABLED' : 'DISABLED',
    CreatedAt: epochSeconds(u.created),
    UpdatedAt: epochSeconds(u.lastModified),
    IdentityStoreId: state.identityStoreId,
  });
}

export function renderMembership(state: EmulatorState, m: Membership): JsonObject {
  return { IdentityStoreId: state.identityStoreId, MembershipId: m.membershipId, GroupId: m.groupId, MemberId: { UserId: m.userId } };
}

/** Users or groups in creation order, so paging is stable while others are added. */
export function inCreationOrder<T extends { id: string }>(state: EmulatorState, items: Iterable<T>): T[] {
  return [...items].sort((a, b) => state.directory.sequenceOf(a.id) - state.directory.sequenceOf(b.id));
}
