import { CodecError } from '../codec/errors';
import { decodeJsonValue } from '../codec/json';
import type { CtyType } from '../codec/types';
import { type ObjectValue, isWhollyKnown } from '../codec/values';
import { ENV_ENDPOINT, ENV_TOKEN, describeEndpoint, resolveProviderConfig, validateProviderConfig } from '../config';
import { describePaths, incompatiblePaths } from '../framework/compat';
import { type Diagnostic, DiagnosticError, error, hasErrors } from '../framework/diagnostics';
import { PartialStateError, unknownsToNull } from '../framework/partial-state';
import { checkPlanValid, draftPlan, markReplacement } from '../framework/plan';
import type { DataSourceType, ResourceType, StateResult } from '../framework/resource';
import { type BlockSchema, impliedType } from '../framework/schema';
import type { Redactor } from '../redact';
import type { ProviderRuntime } from './runtime';
import {
  type WireDynamicValue,
  conform,
  decodeObject,
  diagnosticsToWire,
  encodeDynamic,
  pathToWire,
  schemaToWire,
} from './wire';

/** Everything a provider process serves: the provider block and its resource/data source types. */
export interface ProviderDefinition {
  readonly providerSchema: BlockSchema;
  readonly resources: readonly ResourceType[];
  readonly dataSources: readonly DataSourceType[];
}

type Req = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Res = Record<string, unknown>;

interface Kind<T> {
  readonly def: T;
  readonly type: CtyType;
}

const NULL_BYTES = Buffer.from([0xc0]);

function isUrl(v: string): boolean {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * tfplugin6.Provider implemented over the resource framework. Each method takes and returns
 * proto-loader shaped objects; server.ts binds them to gRPC. Failures become diagnostics
 * (redacted), never gRPC errors, because Terraform shows diagnostics with their attribute paths.
 */
export class ProviderService {
  private readonly resources = new Map<string, Kind<ResourceType>>();
  private readonly dataSources = new Map<string, Kind<DataSourceType>>();
  private readonly providerType: CtyType;
  private schemaResponse: Res | undefined;

  constructor(
    private readonly definition: ProviderDefinition,
    private readonly runtime: ProviderRuntime,
    private readonly redactor: Redactor,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    for (const r of definition.resources) this.resources.set(r.typeName, { def: r, type: impliedType(r.schema) });
    for (const d of definition.dataSources) this.dataSources.set(d.typeName, { def: d, type: impliedType(d.schema) });
    this.providerType = impliedType(definition.providerSchema);
  }

  /**
   * Registers what must never be echoed: every value of the provider configuration (a secret
   * pasted into the wrong attribute is still a secret) and every sensitive attribute a resource
   * holds. The endpoint is the exception when it is a URL: messages show its origin and path.
   */
  private learnProviderSecrets(config: ObjectValue): void {
    for (const [name, v] of Object.entries(config)) {
      if (typeof v !== 'string') continue;
      if (name === 'scim_endpoint' && isUrl(v)) continue;
      this.redactor.add(v);
    }
    for (const name of [ENV_TOKEN, ENV_ENDPOINT]) {
      const v = this.env[name];
      if (v && !(name === ENV_ENDPOINT && isUrl(v))) this.redactor.add(v);
    }
  }

  private learnSecrets(schema: BlockSchema, ...values: (ObjectValue | null | undefined)[]): void {
    for (const value of values) {
      if (!value) continue;
      for (const [name, a] of Object.entries(schema.attributes)) if (a.sensitive && typeof value[name] === 'string') this.redactor.add(value[name] as string);
    }
  }

  private diags(list: readonly Diagnostic[]): Res[] {
    return diagnosticsToWire(list, (s) => this.redactor.redact(s)) as unknown as Res[];
  }

  /** Runs a step, turning thrown errors into diagnostics: codec errors point at the attribute. */
  private async guard(what: string, fn: (diags: Diagnostic[]) => Promise<Res>): Promise<Res> {
    const diags: Diagnostic[] = [];
    try {
      const res = await fn(diags);
      return { ...res, diagnostics: this.diags(diags) };
    } catch (err) {
      if (err instanceof DiagnosticError) diags.push(...err.diagnostics);
      else if (err instanceof CodecError) diags.push(error(`Invalid value while ${what}`, err.message, err.path));
      else diags.push(error(`Error ${what}`, err instanceof Error ? err.message : String(err)));
      this.runtime.log.error(`${what} failed`, { error: this.redactor.redact(diags.map((d) => d.summary + ': ' + (d.detail ?? '')).join('; ')) });
      const partial = (err as { partial?: Res }).partial ?? {};
      return { ...partial, diagnostics: this.diags(diags) };
    }
  }

  private resource(name: string): Kind<ResourceType> {
    const r = this.resources.get(name);
    if (!r) {
      const known = [...this.resources.keys()].join(', ') || 'none';
      throw new DiagnosticError(error('Unknown resource type', `this version of the idemeum provider has no resource type "${name}" (it has: ${known})`));
    }
    return r;
  }

  private dataSource(name: string): Kind<DataSourceType> {
    const d = this.dataSources.get(name);
    if (!d) {
      const known = [...this.dataSources.keys()].join(', ') || 'none';
      throw new DiagnosticError(error('Unknown data source', `this version of the idemeum provider has no data source "${name}" (it has: ${known})`));
    }
    return d;
  }

  private capabilities(): Res {
    // plan_destroy: we answer destroy plans ourselves (null). get_provider_schema_optional:
    // later processes of one command may skip GetProviderSchema; our schema never depends on config.
    return { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false };
  }

  async GetMetadata(): Promise<Res> {
    return {
      server_capabilities: this.capabilities(),
      diagnostics: [],
      resources: [...this.resources.keys()].map((type_name) => ({ type_name })),
      data_sources: [...this.dataSources.keys()].map((type_name) => ({ type_name })),
    };
  }

  async GetProviderSchema(): Promise<Res> {
    if (!this.schemaResponse) {
      const resource_schemas: Res = {};
      for (const [n, r] of this.resources) resource_schemas[n] = schemaToWire(r.def.schema);
      const data_source_schemas: Res = {};
      for (const [n, d] of this.dataSources) data_source_schemas[n] = schemaToWire(d.def.schema);
      this.schemaResponse = {
        provider: schemaToWire(this.definition.providerSchema),
        resource_schemas,
        data_source_schemas,
        diagnostics: [],
        server_capabilities: this.capabilities(),
        functions: {},
      };
    }
    return this.schemaResponse;
  }

  async GetFunctions(): Promise<Res> {
    return { functions: {}, diagnostics: [] };
  }

  async ValidateProviderConfig(req: Req): Promise<Res> {
    return this.guard('validating the provider configuration', async (diags) => {
      const config = decodeObject(req.config, this.providerType) ?? {};
      this.learnProviderSecrets(config);
      diags.push(...validateProviderConfig(config));
      return {};
    });
  }

  async ConfigureProvider(req: Req): Promise<Res> {
    return this.guard('configuring the provider', async (diags) => {
      const config = decodeObject(req.config, this.providerType) ?? {};
      this.learnProviderSecrets(config);
      const resolved = resolveProviderConfig(config, this.env);
      this.redactor.add(resolved.config.scim?.token);
      diags.push(...resolved.diagnostics);
      if (!hasErrors(resolved.diagnostics)) this.runtime.config = resolved.config;
      this.runtime.terraformVersion = String(req.terraform_version ?? '');
      this.runtime.log.info('provider configured', {
        terraform_version: this.runtime.terraformVersion,
        scim_endpoint: resolved.config.scim ? describeEndpoint(resolved.config.scim.endpoint) : null,
        scim: resolved.config.scim ? 'configured' : resolved.config.scimUnavailableReason,
      });
      return {};
    });
  }

  async ValidateResourceConfig(req: Req): Promise<Res> {
    return this.guard(`validating ${req.type_name}`, async (diags) => {
      const r = this.resource(req.type_name);
      const config = decodeObject(req.config, r.type) ?? {};
      this.learnSecrets(r.def.schema, config);
      diags.push(...(r.def.validate?.({ config }) ?? []));
      return {};
    });
  }

  async ValidateDataResourceConfig(req: Req): Promise<Res> {
    return this.guard(`validating data source ${req.type_name}`, async (diags) => {
      const d = this.dataSource(req.type_name);
      const config = decodeObject(req.config, d.type) ?? {};
      diags.push(...(d.def.validate?.({ config }) ?? []));
      return {};
    });
  }

  async UpgradeResourceState(req: Req): Promise<Res> {
    return this.guard(`upgrading the state of ${req.type_name}`, async () => {
      const r = this.resource(req.type_name);
      const current = r.def.schema.version ?? 0;
      const version = Number(req.version ?? 0);
      const json: Buffer | undefined = req.raw_state?.json;
      if (!json || !json.length) {
        const flat = Object.keys(req.raw_state?.flatmap ?? {}).length;
        if (flat) throw new DiagnosticError(error('Unsupported state format', 'this state is in the pre-0.12 flatmap format; re-import the resource'));
        return { upgraded_state: { msgpack: NULL_BYTES } };
      }
      if (version > current) {
        throw new DiagnosticError(
          error('State written by a newer provider', `the state of ${req.type_name} has schema version ${version}, this provider knows up to ${current}; upgrade the idemeum provider`),
        );
      }
      let raw = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
      if (version < current) {
        if (!r.def.upgradeState) {
          throw new DiagnosticError(error('Cannot upgrade state', `${req.type_name} has no upgrade from schema version ${version} to ${current}`));
        }
        raw = r.def.upgradeState(version, raw);
      }
      // Attributes added since the state was written are absent: lenient decoding fills nulls.
      const state = conform(decodeJsonValue(raw, r.type, { lenientObjects: true }), r.type);
      this.learnSecrets(r.def.schema, state as ObjectValue);
      return { upgraded_state: encodeDynamic(state, r.type) };
    });
  }

  async ReadResource(req: Req): Promise<Res> {
    const priv: Buffer = req.private ?? Buffer.alloc(0);
    return this.guard(`reading ${req.type_name}`, async (diags) => {
      const r = this.resource(req.type_name);
      const state = decodeObject(req.current_state, r.type);
      if (state === null) return { new_state: { msgpack: NULL_BYTES }, private: priv };
      this.learnSecrets(r.def.schema, state);
      const result = await r.def.read({ state, private: priv }, this.runtime);
      if (result === null) {
        this.runtime.log.info('remote object is gone; removing it from state', { type: req.type_name });
        return { new_state: { msgpack: NULL_BYTES }, private: priv };
      }
      const next = this.finishState(r, result, diags, 'read');
      return { new_state: encodeDynamic(next, r.type), private: result.private ?? priv };
    });
  }

  private finishState(r: Kind<ResourceType>, result: StateResult, diags: Diagnostic[], verb: string): ObjectValue {
    const state = conform(result.state, r.type) as ObjectValue;
    this.learnSecrets(r.def.schema, state);
    diags.push(...(result.diagnostics ?? []));
    if (!isWhollyKnown(state)) {
      diags.push(error('Provider returned invalid result object', `${verb} of ${r.def.typeName} left unknown values in the new state; this is a bug in the idemeum provider`));
    }
    return state;
  }

  async PlanResourceChange(req: Req): Promise<Res> {
    const priorPrivate: Buffer = req.prior_private ?? Buffer.alloc(0);
    return this.guard(`planning ${req.type_name}`, async (diags) => {
      const r = this.resource(req.type_name);
      const prior = decodeObject(req.prior_state, r.type);
      const proposed = decodeObject(req.proposed_new_state, r.type);
      const config = decodeObject(req.config, r.type);
      this.learnSecrets(r.def.schema, prior, proposed, config);
      if (proposed === null || config === null) {
        return { planned_state: { msgpack: NULL_BYTES }, planned_private: priorPrivate, requires_replace: [] };
      }
      const draft = draftPlan(r.def.schema, prior, proposed, config, priorPrivate);
      await r.def.modifyPlan?.({ prior, config, priorPrivate }, draft, this.runtime);
      if (prior) markReplacement(r.def.schema, draft, config);
      diags.push(...draft.diagnostics, ...checkPlanValid(r.def.schema, prior, draft.planned, config));
      const planned = conform(draft.planned, r.type);
      return {
        planned_state: encodeDynamic(planned, r.type),
        planned_private: draft.plannedPrivate,
        // Terraform ignores replace paths on create.
        requires_replace: prior ? draft.requiresReplace.map(pathToWire) : [],
      };
    });
  }

  async ApplyResourceChange(req: Req): Promise<Res> {
    const plannedPrivate: Buffer = req.planned_private ?? Buffer.alloc(0);
    let fallback: WireDynamicValue = { msgpack: NULL_BYTES };
    return this.guard(`applying ${req.type_name}`, async (diags) => {
      const r = this.resource(req.type_name);
      const prior = decodeObject(req.prior_state, r.type);
      const planned = decodeObject(req.planned_state, r.type);
      const config = decodeObject(req.config, r.type);
      this.learnSecrets(r.def.schema, prior, planned, config);
      // If the step fails, Terraform keeps what we return: the prior object still exists.
      if (prior) fallback = encodeDynamic(prior, r.type);
      try {
        if (planned === null) {
          if (prior) await r.def.delete({ prior, priorPrivate: plannedPrivate }, this.runtime);
          return { new_state: { msgpack: NULL_BYTES }, private: Buffer.alloc(0) };
        }
        const request = { planned, config: config ?? planned, plannedPrivate };
        const result = prior
          ? await r.def.update({ ...request, prior }, this.runtime)
          : await r.def.create(request, this.runtime);
        const next = this.finishState(r, result, diags, prior ? 'update' : 'create');
        const broken = incompatiblePaths(planned, next, r.type);
        if (broken.length) {
          diags.push(
            error(
              'Provider produced inconsistent result after apply',
              `${prior ? 'updating' : 'creating'} ${r.def.typeName} returned values that differ from the plan at ${describePaths(broken)}; this is a bug in the idemeum provider`,
              broken[0],
            ),
          );
        }
        return { new_state: encodeDynamic(next, r.type), private: result.private ?? plannedPrivate };
      } catch (err) {
        const partial = err instanceof PartialStateError && planned !== null ? this.partialState(r, err, plannedPrivate, diags) : undefined;
        if (err instanceof Error) Object.assign(err, { partial: partial ?? { new_state: fallback, private: plannedPrivate } });
        throw err;
      }
    });
  }

  /**
   * The new_state of a create/update that failed after changing the remote object: what the
   * resource knows, unknowns as null (Terraform stores only wholly known states). No plan
   * consistency check: the resource's error is what the user must see, and Terraform taints a
   * failed create so the next apply replaces it. Undefined if the state does not fit the schema.
   */
  private partialState(r: Kind<ResourceType>, err: PartialStateError, plannedPrivate: Buffer, diags: Diagnostic[]): Res | undefined {
    try {
      const state = unknownsToNull(conform(err.state, r.type), r.type);
      this.learnSecrets(r.def.schema, state as ObjectValue);
      return { new_state: encodeDynamic(state, r.type), private: err.privateState ?? plannedPrivate };
    } catch (e) {
      diags.push(error('Provider returned invalid result object', `the partial state of ${r.def.typeName} does not fit its schema (${(e as Error).message}); this is a bug in the idemeum provider`));
      return undefined;
    }
  }

  async ImportResourceState(req: Req): Promise<Res> {
    return this.guard(`importing ${req.type_name}`, async (diags) => {
      const r = this.resource(req.type_name);
      if (!r.def.import) {
        throw new DiagnosticError(error('Resource import not supported', `${req.type_name} cannot be imported; remove the import and let Terraform create it`));
      }
      const result = await r.def.import({ id: String(req.id ?? '') }, this.runtime);
      const state = this.finishState(r, result, diags, 'import');
      return {
        imported_resources: [{ type_name: req.type_name, state: encodeDynamic(state, r.type), private: result.private ?? Buffer.alloc(0) }],
      };
    });
  }

  async MoveResourceState(req: Req): Promise<Res> {
    return this.guard(`moving ${req.source_type_name} to ${req.target_type_name}`, async () => {
      throw new DiagnosticError(
        error('Move not supported', `idemeum resources cannot be moved from another resource type (${req.source_type_name}); use a "removed" block and import instead`),
      );
    });
  }

  async ReadDataSource(req: Req): Promise<Res> {
    return this.guard(`reading data source ${req.type_name}`, async (diags) => {
      const d = this.dataSource(req.type_name);
      const config = decodeObject(req.config, d.type) ?? {};
      const result = await d.def.read({ config }, this.runtime);
      const state = conform(result.state, d.type) as ObjectValue;
      diags.push(...(result.diagnostics ?? []));
      if (!isWhollyKnown(state)) diags.push(error('Provider returned invalid result object', `data source ${req.type_name} left unknown values`));
      return { state: encodeDynamic(state, d.type) };
    });
  }

  async StopProvider(): Promise<Res> {
    this.runtime.log.info('StopProvider: cancelling in-flight requests');
    this.runtime.stop();
    return { Error: '' };
  }
}
