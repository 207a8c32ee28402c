import { Clock, SystemClock } from './clock';
import { Directory } from './directory';
import { IdGenerator, randomIds } from './ids';
import { EmulatorOptions, EmulatorOptionsInput, resolveOptions } from './options';
import { OrganizationState } from './organization';
import { SamlState } from './saml';
import { SsoState } from './sso';

export * from './clock';
export * from './directory';
export * from './ids';
export * from './options';
export * from './organization';
export * from './organization-tree';
export * from './saml';
export * from './sso';
export * from './tokens';

export interface EmulatorStateInit extends EmulatorOptionsInput {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/**
 * The one in-memory AWS IAM Identity Center behind every emulated surface.
 * `reset()` returns it to a fresh instance with the same identifiers (so printed endpoints stay valid).
 */
export class EmulatorState {
  readonly options: EmulatorOptions;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly identityStoreId: string;
  readonly tenantId: string;
  readonly instanceArn: string;
  readonly directory: Directory;
  /** The AWS organization: root, OUs and accounts (the accounts assignments may target). */
  readonly organization: OrganizationState;
  readonly sso: SsoState;
  readonly saml = new SamlState();
  /** Base URL the emulator is reachable at (set by the loopback server; in-process uses AWS's hosts). */
  endpoint?: string;

  constructor(init: EmulatorStateInit = {}) {
    const { clock, ids, ...options } = init;
    this.options = resolveOptions(options);
    this.clock = clock ?? new SystemClock();
    this.ids = ids ?? randomIds;
    this.identityStoreId = this.options.identityStoreId ?? `d-${this.ids.hex(10)}`;
    this.tenantId = this.options.tenantId ?? `${this.ids.hex(11)}-${this.ids.uuid().slice(9)}`;
    this.instanceArn = this.options.instanceArn ?? `arn:aws:sso:::instance/ssoins-${this.ids.hex(16)}`;
    this.directory = new Directory({
      clock: this.clock,
      ids: this.ids,
      idPrefix: this.options.scimLegacyIds ? this.identityStoreId.slice(2) : '',
      userNameCaseInsensitive: this.options.userNameCaseInsensitive,
      displayNameCaseInsensitive: this.options.displayNameCaseInsensitive,
      tokenValidityDays: this.options.scimTokenValidityDays,
      usersPerIdentityStore: this.options.usersPerIdentityStore,
      groupsPerIdentityStore: this.options.groupsPerIdentityStore,
    });
    this.organization = new OrganizationState({ ids: this.ids, clock: this.clock, managementAccountId: this.options.managementAccountId });
    this.sso = new SsoState(this.organization);
  }

  reset(): void {
    this.directory.reset();
    this.organization.reset();
    this.sso.reset();
    this.saml.reset();
  }
}
