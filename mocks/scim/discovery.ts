import { http, type RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { NotFoundError } from './errors';
import { scimJson, scimRoute } from './route';
import { SCHEMAS } from './schemas';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, LIST_RESPONSE, RESOURCE_TYPE_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, USER_SCHEMA } from './urn';

/** What AWS advertises; `filter.maxResults` stays 50 although pages now hold 100, as in AWS. */
const SERVICE_PROVIDER_CONFIG = {
  schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
  documentationUri: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/manage-your-identity-source-idp.html',
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'Authentication scheme using the OAuth Bearer Token Standard',
      specUri: 'https://www.rfc-editor.org/info/rfc6750',
      primary: true,
    },
  ],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 1, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 50 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
};

const RESOURCE_TYPES = [
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: true }],
    meta: { resourceType: 'ResourceType', location: '/v2/ResourceTypes/User' },
  },
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    schema: GROUP_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: 'ResourceType', location: '/v2/ResourceTypes/Group' },
  },
];

function list(resources: ReadonlyArray<unknown>): Record<string, unknown> {
  return { totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, schemas: [LIST_RESPONSE], Resources: resources };
}

export function discoveryHandlers(state: EmulatorState): RequestHandler[] {
  const base = '*/:tenant/scim/v2';
  return [
    http.get(`${base}/ServiceProviderConfig`, scimRoute(state, 'ServiceProviderConfig', 'read', ({ requestId }) => scimJson(SERVICE_PROVIDER_CONFIG, 200, requestId))),
    http.get(`${base}/Schemas`, scimRoute(state, 'ListSchemas', 'read', ({ requestId }) => scimJson(list(SCHEMAS), 200, requestId))),
    http.get(
      `${base}/Schemas/:urn`,
      scimRoute(state, 'GetSchema', 'read', ({ params, requestId }) => {
        const found = SCHEMAS.find((s) => s.id === decodeURIComponent(String(params.urn)));
        if (!found) throw new NotFoundError(`Schema ${String(params.urn)} not found.`);
        return scimJson(found, 200, requestId);
      }),
    ),
    http.get(`${base}/ResourceTypes`, scimRoute(state, 'ListResourceTypes', 'read', ({ requestId }) => scimJson(list(RESOURCE_TYPES), 200, requestId))),
  ];
}
