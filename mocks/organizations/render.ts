import { epochSeconds, type JsonObject } from '../awsjson/handler';
import type { OrganizationState, StoredAccount, StoredOrganizationalUnit } from '../store';
import { IDENTITY_CENTER_SERVICE_PRINCIPAL } from './urn';

/** Account as ListAccounts/ListAccountsForParent/DescribeAccount return it (Status and its successor State). */
export function renderAccount(org: OrganizationState, a: StoredAccount): JsonObject {
  return {
    Id: a.id,
    Arn: org.accountArn(a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: epochSeconds(a.joinedTimestamp),
  };
}

export function renderOrganizationalUnit(org: OrganizationState, ou: StoredOrganizationalUnit): JsonObject {
  return { Id: ou.id, Arn: org.organizationalUnitArn(ou.id), Name: ou.name };
}

/** A new organization with all features has no policy type enabled on its root. */
export function renderRoot(org: OrganizationState): JsonObject {
  return { Id: org.rootId, Arn: org.rootArn(), Name: 'Root', PolicyTypes: [] };
}

export function renderOrganization(org: OrganizationState): JsonObject {
  const management = org.accounts.get(org.managementAccountId)!;
  return {
    Id: org.organizationId,
    Arn: org.organizationArn,
    FeatureSet: 'ALL',
    MasterAccountArn: org.accountArn(management.id),
    MasterAccountId: management.id,
    MasterAccountEmail: management.email,
    // Deprecated member AWS still sends; the policy types enabled per root are in ListRoots.
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  };
}

/** Identity Center runs with trusted access for its service principal, enabled when the organization was. */
export function renderEnabledServicePrincipals(org: OrganizationState): JsonObject[] {
  const since = org.accounts.get(org.managementAccountId)!.joinedTimestamp;
  return [{ ServicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL, DateEnabled: epochSeconds(since) }];
}
