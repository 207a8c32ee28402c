import type { AccessReport } from '../src/access';
import type { AccountStatus } from '../mocks/store/organization';
import type { OrganizationTreeInput, RenderedAccount, RenderedOrganization } from '../mocks/store/organization-tree';

export type { AccountStatus } from '../mocks/store/organization';
export type { AccountSpec, OrganizationalUnitInput, OrganizationTreeInput, RenderedAccount, RenderedContainer, RenderedOrganization } from '../mocks/store/organization-tree';

/**
 * Delivers a request to the emulator's routes and returns their answer (undefined: no route).
 * Plain fetch types, so these declarations never pull msw's typings into a user's compile.
 */
export type EmulatorDispatch = (request: Request) => Promise<Response | undefined>;

/** A fault for `injectFault`: fail (or slow down) the next `count` requests matching method and path. */
export interface FaultSpec {
  /** Glob over the URL path (`*` also matches `/`), e.g. `/*\/scim/v2/Groups*`. */
  readonly path: string;
  /** @default - any method */
  readonly method?: string;
  /** Answer with this HTTP status (the surface's own error body unless `body` is given). */
  readonly status?: number;
  readonly body?: unknown;
  /** Drop the connection instead of answering. */
  readonly reset?: boolean;
  /** Wait this long first; alone, the request then proceeds normally. */
  readonly latencyMs?: number;
  /** @default 1 */
  readonly count?: number;
}

export interface IssuedScimToken {
  readonly tokenId: string;
  /** The secret, shown once (as the console does). */
  readonly token: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface ScimTokenInfo {
  readonly tokenId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly expired: boolean;
}

/** A control API call the emulator refused: `status` and the emulator's `error` text. */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The emulator's control API (`/_fake/`, docs/emulator.md) as functions. Calls go through the same
 * route handlers as HTTP requests (same validation, same errors) without a network hop, so they
 * work in-process and on loopback alike.
 */
export class EmulatorControl {
  /** Made by startEmulator() and createEmulator(). */
  constructor(
    private readonly dispatch: EmulatorDispatch,
    private readonly report: () => AccessReport,
    /** The emulator's base URL, for the requests' URLs. */
    private readonly base: string,
  ) {}

  /** Empties the directory, permission sets, assignments, the organization (but its management account), SAML state and faults; SCIM tokens stay unless `tokens`. */
  async reset(options: { readonly tokens?: boolean } = {}): Promise<void> {
    await this.call('POST', '/reset', options);
  }

  /** Registers AWS accounts (12-digit ids) at the organization's root so assignments can target them; returns every account id in the organization. */
  async addAccounts(accountIds: readonly string[]): Promise<string[]> {
    return ((await this.call('POST', '/accounts', { accountIds })) as { accountIds: string[] }).accountIds;
  }

  async accounts(): Promise<string[]> {
    return ((await this.call('GET', '/accounts')) as { accountIds: string[] }).accountIds;
  }

  async removeAccount(accountId: string): Promise<void> {
    await this.call('DELETE', `/accounts/${encodeURIComponent(accountId)}`);
  }

  /** The organization: its root, OUs (with the ids a stack targets) and accounts. */
  async organization(): Promise<RenderedOrganization> {
    return (await this.call('GET', '/organization')) as RenderedOrganization;
  }

  /** Replaces the OUs and member accounts with `tree` (the `mock-aws --org-file` format); returns the result with its OU ids. */
  async setOrganization(tree: OrganizationTreeInput): Promise<RenderedOrganization> {
    return (await this.call('PUT', '/organization', tree)) as RenderedOrganization;
  }

  /** A new OU under `parentId` (default the root); returns its `ou-…` id. */
  async createOrganizationalUnit(name: string, parentId?: string): Promise<string> {
    return ((await this.call('POST', '/organization/organizational-units', { name, ...(parentId !== undefined && { parentId }) })) as { id: string }).id;
  }

  /** Deletes an empty OU. */
  async deleteOrganizationalUnit(id: string): Promise<void> {
    await this.call('DELETE', `/organization/organizational-units/${encodeURIComponent(id)}`);
  }

  /** Moves an account to another OU (or the root), suspends or reactivates it, renames it. */
  async updateAccount(
    accountId: string,
    changes: { readonly parentId?: string; readonly status?: AccountStatus; readonly name?: string; readonly email?: string },
  ): Promise<RenderedAccount & { readonly parentId: string }> {
    return (await this.call('PATCH', `/accounts/${encodeURIComponent(accountId)}`, changes)) as RenderedAccount & { parentId: string };
  }

  /** Returns the fault's id. */
  async injectFault(fault: FaultSpec): Promise<string> {
    return ((await this.call('POST', '/faults', fault)) as { id: string }).id;
  }

  async faults(): Promise<Array<FaultSpec & { readonly id: string; readonly remaining: number }>> {
    return ((await this.call('GET', '/faults')) as { faults: Array<FaultSpec & { id: string; remaining: number }> }).faults;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** A new SCIM token (at most two live, as in AWS). */
  async issueScimToken(options: { readonly validityDays?: number } = {}): Promise<IssuedScimToken> {
    return (await this.call('POST', '/scim/tokens', options)) as IssuedScimToken;
  }

  async scimTokens(): Promise<ScimTokenInfo[]> {
    return ((await this.call('GET', '/scim/tokens')) as { tokens: ScimTokenInfo[] }).tokens;
  }

  async revokeScimToken(tokenId: string): Promise<void> {
    await this.call('DELETE', `/scim/tokens/${encodeURIComponent(tokenId)}`);
  }

  async expireScimToken(tokenId: string): Promise<void> {
    await this.call('POST', `/scim/tokens/${encodeURIComponent(tokenId)}/expire`);
  }

  /** Sets the IdP metadata as the identity source (the console step "Change identity source"). */
  async uploadIdpMetadata(xml: string): Promise<void> {
    await this.call('PUT', '/saml/idp-metadata', xml);
  }

  /** Everything the emulator holds (`GET /_fake/state`); token secrets never appear. */
  async dump(): Promise<Record<string, unknown>> {
    return (await this.call('GET', '/state')) as Record<string, unknown>;
  }

  /** Who reaches which account with which permission set, now. */
  access(): AccessReport {
    return this.report();
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const base = this.base;
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const request = new Request(`${base}/_fake${path}`, { method, ...(payload !== undefined && { body: payload, headers: { 'content-type': typeof body === 'string' ? 'application/xml' : 'application/json' } }) });
    const response = await this.dispatch(request);
    if (!response) throw new EmulatorControlError(404, `the emulator has no control route ${method} /_fake${path}`);
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : safeJson(text);
    if (!response.ok) {
      const message = (parsed as { error?: string; message?: string } | undefined)?.error ?? (parsed as { message?: string } | undefined)?.message ?? text;
      throw new EmulatorControlError(response.status, `${method} /_fake${path}: ${message}`);
    }
    return parsed;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
