import { http, HttpResponse, type RequestHandler } from 'msw';
import {
  ACCOUNT_STATUSES,
  applyOrganizationTree,
  ORGANIZATION_PATTERNS,
  parseOrganizationTree,
  renderAccount,
  renderOrganizationTree,
  type AccountStatus,
  type EmulatorState,
} from '../store';
import { ControlError, control, jsonBody, onlyFields } from './http';

/**
 * The organization's accounts and OU tree (docs/emulator.md "AWS accounts and the organization").
 * `POST /_fake/accounts {"accountIds": [...]}` is the registry the emulator always had: it puts
 * ACTIVE accounts at the root (or in `parentId`).
 */
export function organizationRoutes(state: EmulatorState, base: string): RequestHandler[] {
  const org = state.organization;
  const accountList = () => {
    const accounts = [...org.accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
    return { accountIds: accounts.map((a) => a.id), accounts: accounts.map((a) => ({ ...renderAccount(a), parentId: a.parentId })) };
  };
  const optionalString = (body: Record<string, unknown>, field: string): string | undefined => {
    const value = body[field];
    if (value !== undefined && typeof value !== 'string') throw new ControlError(400, `"${field}" must be a string`);
    return value;
  };

  return [
    http.get(`${base}/accounts`, control(() => HttpResponse.json(accountList()))),
    http.post(
      `${base}/accounts`,
      control(async ({ request }) => {
        const body = await jsonBody(request);
        onlyFields(body, ['accountIds', 'parentId']);
        const { accountIds } = body;
        if (!Array.isArray(accountIds) || accountIds.length === 0) {
          throw new ControlError(400, '"accountIds" must be a non-empty list of 12-digit AWS account ids, e.g. ["111111111111"]');
        }
        const bad = accountIds.filter((id) => typeof id !== 'string' || !ORGANIZATION_PATTERNS.accountId.test(id));
        if (bad.length > 0) throw new ControlError(400, `accountIds must be 12-digit AWS account ids; not valid: ${JSON.stringify(bad)}. Nothing was registered`);
        const parentId = optionalString(body, 'parentId') ?? org.rootId;
        org.requireParent(parentId);
        for (const id of accountIds as string[]) org.addAccount(id, { parentId });
        return HttpResponse.json(accountList());
      }),
    ),
    http.patch(
      `${base}/accounts/:accountId`,
      control(async ({ request, params }) => {
        const body = await jsonBody(request);
        onlyFields(body, ['parentId', 'status', 'name', 'email']);
        const id = String(params.accountId);
        const account = org.requireAccount(id);
        const parentId = optionalString(body, 'parentId');
        const status = optionalString(body, 'status');
        if (status !== undefined && !ACCOUNT_STATUSES.includes(status as AccountStatus)) {
          throw new ControlError(400, `"status" must be one of ${ACCOUNT_STATUSES.join(', ')}, not ${JSON.stringify(status)}`);
        }
        // Check everything before changing anything.
        if (parentId !== undefined) org.requireParent(parentId);
        if (parentId !== undefined && parentId !== account.parentId) org.moveAccount(id, parentId);
        if (status !== undefined) org.setStatus(id, status as AccountStatus);
        const name = optionalString(body, 'name');
        const email = optionalString(body, 'email');
        if (name !== undefined) account.name = name;
        if (email !== undefined) account.email = email;
        return HttpResponse.json({ ...renderAccount(account), parentId: account.parentId });
      }),
    ),
    http.delete(
      `${base}/accounts/:accountId`,
      control(({ params }) => {
        if (!state.sso.accounts.delete(String(params.accountId))) throw new ControlError(404, `account ${String(params.accountId)} is not registered`);
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    http.get(`${base}/organization`, control(() => HttpResponse.json({ ...renderOrganizationTree(org) }))),
    http.put(
      `${base}/organization`,
      control(async ({ request }) => {
        applyOrganizationTree(org, parseOrganizationTree(await jsonBody(request)));
        return HttpResponse.json({ ...renderOrganizationTree(org) });
      }),
    ),
    http.post(
      `${base}/organization/organizational-units`,
      control(async ({ request }) => {
        const body = await jsonBody(request);
        onlyFields(body, ['parentId', 'name']);
        const name = optionalString(body, 'name');
        if (name === undefined) throw new ControlError(400, '"name" is required: the OU\'s name, e.g. "Workloads"');
        const ou = org.createOrganizationalUnit(optionalString(body, 'parentId') ?? org.rootId, name);
        return HttpResponse.json({ ...ou, arn: org.organizationalUnitArn(ou.id) }, { status: 201 });
      }),
    ),
    http.delete(
      `${base}/organization/organizational-units/:ouId`,
      control(({ params }) => {
        org.deleteOrganizationalUnit(String(params.ouId));
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
