import { http, type RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { discoveryHandlers } from './discovery';
import { ValidationError } from './errors';
import { groupHandlers } from './groups';
import { scimRoute } from './route';
import { userHandlers } from './users';

export { SCIM_ERRORS, ScimError } from './errors';
export * from './urn';

/**
 * AWS's SCIM v2 surface at `/<tenant-id>/scim/v2`, whatever the host. Anything AWS does not
 * support (/Bulk, /Me, /Search, PUT /Groups, other methods) is a 400 ValidationException after
 * the usual token check, as AWS answers unsupported operations.
 */
export function scimHandlers(state: EmulatorState): RequestHandler[] {
  return [
    ...userHandlers(state),
    ...groupHandlers(state),
    ...discoveryHandlers(state),
    http.all(
      '*/:tenant/scim/v2/*',
      scimRoute(state, 'Unsupported', 'read', ({ request, url }) => {
        const path = url.pathname.replace(/^.*\/scim\/v2/, '');
        if (request.method === 'PUT' && /^\/Groups\/[^/]+$/.test(path)) throw new ValidationError('Replacing group memberships is not supported.');
        throw new ValidationError(`The operation ${request.method} ${path} is not supported.`);
      }),
    ),
  ];
}

/** The SCIM base URL for a state, on AWS's host (in-process) or the loopback endpoint. */
export function scimBaseUrl(state: EmulatorState): string {
  const origin = state.endpoint ?? `https://scim.${state.options.region}.amazonaws.com`;
  return `${origin}/${state.tenantId}/scim/v2`;
}
