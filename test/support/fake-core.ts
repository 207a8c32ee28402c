/**
 * A fake Terraform core for provider unit tests: it talks to the provider exactly as Terraform
 * 1.11 does (go-plugin handshake, AutoMTLS with a client certificate, tfplugin6 over gRPC on a
 * unix socket, msgpack values encoded like go-cty) without the terraform binary.
 *
 * API
 *   const core = await FakeCore.inProcess({ resources: [myType], dataSources?, env? });
 *       starts the provider server in this process, with only the given types registered
 *   const core = await FakeCore.spawn(executable, { env? });
 *       launches a provider executable (e.g. the bundle from `provider install`) like Terraform
 *   await core.schema()                                   GetProviderSchema (cached); throws on diagnostics
 *   await core.validateProvider(config) / configure(config, tfVersion?)   -> Diag[]
 *   await core.validate(type, config)                     ValidateResourceConfig -> Diag[]
 *   await core.plan(type, { prior, config, priorPrivate? })   proposed = ProposedNew(prior, config)
 *       -> { planned, requiresReplace, plannedPrivate, diagnostics }
 *   await core.apply(type, { prior, planned, config, plannedPrivate? }) -> { state, private, diagnostics }
 *   await core.read(type, state, priv?)                   -> { state (null = gone), private, diagnostics }
 *   await core.upgrade(type, rawJson, version)            -> { state, diagnostics }
 *   await core.importState(type, id)                      -> { imported: [{ typeName, state, private }], diagnostics }
 *   await core.readData(type, config)                     -> { state, diagnostics }
 *   await core.create(type, config) / update(type, prior, config) / destroy(type, prior)
 *       whole walks (validate, plan, apply) that throw on error diagnostics
 *   await core.rpc(method, request)                       any raw tfplugin6 call
 *   await core.stop()                                     StopProvider
 *   await core.shutdown()                                 GRPCController.Shutdown; for a spawned
 *       provider waits <= 2 s for it to exit on its own and fails otherwise (as go-plugin would SIGKILL)
 * Values are codec values (src/provider/codec/values.ts): UNKNOWN for unknowns, plain objects,
 * arrays for lists/sets. `config` may omit attributes; they are sent as null like Terraform does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import type { AttributePath } from '../../src/provider/codec/path';
import { type CtyType, typeFromJsonBytes } from '../../src/provider/codec/types';
import { type ObjectValue, type Value, isObjectValue } from '../../src/provider/codec/values';
import { providerSchema } from '../../src/provider/config';
import type { Diagnostic } from '../../src/provider/framework/diagnostics';
import type { DataSourceType, ResourceType } from '../../src/provider/framework/resource';
import { createLogger } from '../../src/provider/log';
import { Redactor } from '../../src/provider/redact';
import { generateCertificate } from '../../src/provider/server/cert';
import { MAX_MESSAGE_BYTES, grpcDefinitions } from '../../src/provider/server/grpc-defs';
import { type HandshakeLine, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, parseHandshake } from '../../src/provider/server/handshake';
import { ProviderService } from '../../src/provider/server/provider-service';
import { ProviderRuntime } from '../../src/provider/server/runtime';
import { serve, type RunningServer } from '../../src/provider/server/server';
import { type WireDynamicValue, decodeDynamic, encodeDynamic, pathFromWire } from '../../src/provider/server/wire';

export type Diag = Diagnostic;

type Req = Record<string, unknown>;
type Res = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface WireAttr {
  name: string;
  type: Buffer;
  nested_type?: { attributes: WireAttr[]; nesting: string } | null;
  computed: boolean;
  optional: boolean;
  required: boolean;
}
interface WireBlock {
  attributes: WireAttr[];
  block_types: { type_name: string; block: WireBlock; nesting: string }[];
}

export interface TypeInfo {
  readonly type: CtyType;
  readonly block: WireBlock;
  readonly version: number;
}

function attrType(a: WireAttr): CtyType {
  if (a.type && a.type.length) return typeFromJsonBytes(a.type);
  const obj: CtyType = ['object', Object.fromEntries((a.nested_type?.attributes ?? []).map((x) => [x.name, attrType(x)]))];
  const n = a.nested_type?.nesting;
  return n === 'SINGLE' ? obj : [n === 'LIST' ? 'list' : n === 'SET' ? 'set' : 'map', obj];
}

/** The cty type a schema block implies, rebuilt from the wire schema (what Terraform does). */
export function wireBlockType(b: WireBlock): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const a of b.attributes) attrs[a.name] = attrType(a);
  for (const nb of b.block_types) {
    const obj = wireBlockType(nb.block);
    attrs[nb.type_name] = nb.nesting === 'SINGLE' || nb.nesting === 'GROUP' ? obj : [nb.nesting === 'LIST' ? 'list' : nb.nesting === 'SET' ? 'set' : 'map', obj];
  }
  return ['object', attrs];
}

/** Terraform's objchange.ProposedNew for the top level: config, except prior values for unset computed attributes. */
export function proposedNew(block: WireBlock, prior: ObjectValue | null, config: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...config };
  for (const a of block.attributes) {
    if (a.computed && (config[a.name] ?? null) === null) out[a.name] = prior ? (prior[a.name] ?? null) : null;
  }
  return out;
}

function diagsFromWire(list: Res[] | undefined): Diag[] {
  return (list ?? []).map((d) => ({
    severity: d.severity === 'WARNING' ? 'warning' : 'error',
    summary: d.summary,
    ...(d.detail ? { detail: d.detail } : {}),
    ...(d.attribute && d.attribute.steps?.length ? { path: pathFromWire(d.attribute) } : {}),
  }));
}

export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    step: string,
    readonly diagnostics: Diag[],
  ) {
    super(`${step} failed: ${diagnostics.map((d) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}`).join('; ')}`);
  }
}

function throwOnErrors(step: string, diags: Diag[]): void {
  if (diags.some((d) => d.severity === 'error')) throw new CoreError(step, diags);
}

export interface InProcessOptions {
  readonly resources?: readonly ResourceType[];
  readonly dataSources?: readonly DataSourceType[];
  readonly env?: NodeJS.ProcessEnv;
  /** Receives the provider's log lines (default: dropped). */
  readonly onLog?: (line: string) => void;
  /** @default - the server's own default (unix socket; TCP on Windows) */
  readonly network?: 'unix' | 'tcp';
}

export class FakeCore {
  private schemaCache: Res | undefined;

  private constructor(
    /** Everything the provider wrote to stderr (spawned) or logged (in-process). */
    readonly logs: string[],
    /** The provider's handshake line, parsed. */
    readonly handshake: HandshakeLine,
    private readonly provider: grpc.Client,
    private readonly controller: grpc.Client,
    private readonly child: ChildProcess | undefined,
    private readonly server: RunningServer | undefined,
  ) {}

  static async inProcess(o: InProcessOptions = {}): Promise<FakeCore> {
    const client = generateCertificate();
    const redactor = new Redactor();
    const lines: string[] = [];
    const log = createLogger({ redactor, write: (l) => (lines.push(l), o.onLog?.(l)) });
    const runtime = new ProviderRuntime(log);
    const service = new ProviderService(
      { providerSchema, resources: o.resources ?? [], dataSources: o.dataSources ?? [] },
      runtime,
      redactor,
      o.env ?? {},
    );
    const server = await serve({ service, log, clientCertPem: client.certPem, ...(o.network && { network: o.network }) });
    return FakeCore.connect(parseHandshake(server.handshake), client, lines, undefined, server);
  }

  static async spawn(executable: string, o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<FakeCore> {
    const client = generateCertificate();
    const child = spawn(executable, [], {
      env: {
        ...process.env,
        ...o.env,
        [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: '5,6',
        PLUGIN_MIN_PORT: '10000',
        PLUGIN_MAX_PORT: '25000',
        PLUGIN_CLIENT_CERT: client.certPem,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    child.stderr!.setEncoding('utf8').on('data', (d: string) => logs.push(d));
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`no handshake line within ${o.timeoutMs ?? 60000} ms; stderr: ${logs.join('')}`)), o.timeoutMs ?? 60000);
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        buf += d;
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(buf.slice(0, nl));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`provider exited (${code}) before the handshake; stderr: ${logs.join('')}`));
      });
    });
    return FakeCore.connect(parseHandshake(line), client, logs, child, undefined);
  }

  private static connect(h: HandshakeLine, client: ReturnType<typeof generateCertificate>, logs: string[], child?: ChildProcess, server?: RunningServer): FakeCore {
    const defs = grpcDefinitions();
    let creds: grpc.ChannelCredentials;
    if (h.cert) {
      const der = Buffer.from(h.cert, 'base64');
      const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
      creds = grpc.credentials.createSsl(Buffer.from(pem), Buffer.from(client.keyPem), Buffer.from(client.certPem));
    } else {
      creds = grpc.credentials.createInsecure();
    }
    const target = h.network === 'unix' ? `unix:${h.address}` : h.address;
    const opts = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES };
    return new FakeCore(logs, h, new defs.provider(target, creds, opts), new defs.controller(target, creds, opts), child, server);
  }

  /** Any tfplugin6.Provider call, raw. */
  rpc(method: string, request: Req = {}): Promise<Res> {
    return new Promise((resolve, reject) => {
      const fn = (this.provider as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[method];
      if (!fn) return reject(new Error(`no such RPC ${method}`));
      fn.call(this.provider, request, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  async schema(): Promise<Res> {
    if (!this.schemaCache) {
      const res = await this.rpc('GetProviderSchema');
      throwOnErrors('GetProviderSchema', diagsFromWire(res.diagnostics));
      this.schemaCache = res;
    }
    return this.schemaCache;
  }

  async resourceType(type: string): Promise<TypeInfo> {
    const s = (await this.schema()).resource_schemas[type];
    if (!s) throw new Error(`provider has no resource type ${type}`);
    return { type: wireBlockType(s.block), block: s.block, version: Number(s.version) };
  }

  async dataSourceType(type: string): Promise<TypeInfo> {
    const s = (await this.schema()).data_source_schemas[type];
    if (!s) throw new Error(`provider has no data source ${type}`);
    return { type: wireBlockType(s.block), block: s.block, version: Number(s.version) };
  }

  private async providerType(): Promise<CtyType> {
    return wireBlockType((await this.schema()).provider.block);
  }

  private enc(v: Value, t: CtyType): WireDynamicValue {
    return encodeDynamic(v, t);
  }

  private full(config: ObjectValue, t: CtyType): ObjectValue {
    const attrs = (t as readonly ['object', Record<string, CtyType>])[1];
    return Object.fromEntries(Object.keys(attrs).map((k) => [k, config[k] ?? null]));
  }

  async validateProvider(config: ObjectValue): Promise<Diag[]> {
    const t = await this.providerType();
    return diagsFromWire((await this.rpc('ValidateProviderConfig', { config: this.enc(this.full(config, t), t) })).diagnostics);
  }

  async configure(config: ObjectValue, terraformVersion = '1.11.4'): Promise<Diag[]> {
    const t = await this.providerType();
    const res = await this.rpc('ConfigureProvider', { terraform_version: terraformVersion, config: this.enc(this.full(config, t), t) });
    return diagsFromWire(res.diagnostics);
  }

  async validate(type: string, config: ObjectValue): Promise<Diag[]> {
    const { type: t } = await this.resourceType(type);
    return diagsFromWire((await this.rpc('ValidateResourceConfig', { type_name: type, config: this.enc(this.full(config, t), t) })).diagnostics);
  }

  async plan(type: string, r: { prior: ObjectValue | null; config: ObjectValue | null; priorPrivate?: Buffer }) {
    const info = await this.resourceType(type);
    const config = r.config === null ? null : this.full(r.config, info.type);
    const proposed = config === null ? null : proposedNew(info.block, r.prior, config);
    const res = await this.rpc('PlanResourceChange', {
      type_name: type,
      prior_state: this.enc(r.prior, info.type),
      proposed_new_state: this.enc(proposed, info.type),
      config: this.enc(config, info.type),
      prior_private: r.priorPrivate ?? Buffer.alloc(0),
      client_capabilities: { deferral_allowed: false, write_only_attributes_allowed: true },
    });
    const diagnostics = diagsFromWire(res.diagnostics);
    return {
      planned: res.planned_state ? (decodeDynamic(res.planned_state, info.type) as ObjectValue | null) : null,
      requiresReplace: (res.requires_replace ?? []).map(pathFromWire) as AttributePath[],
      plannedPrivate: res.planned_private as Buffer,
      diagnostics,
    };
  }

  async apply(type: string, r: { prior: ObjectValue | null; planned: ObjectValue | null; config: ObjectValue | null; plannedPrivate?: Buffer }) {
    const info = await this.resourceType(type);
    const res = await this.rpc('ApplyResourceChange', {
      type_name: type,
      prior_state: this.enc(r.prior, info.type),
      planned_state: this.enc(r.planned, info.type),
      config: this.enc(r.config === null ? null : this.full(r.config, info.type), info.type),
      planned_private: r.plannedPrivate ?? Buffer.alloc(0),
    });
    return { state: decodeDynamic(res.new_state, info.type) as ObjectValue | null, private: res.private as Buffer, diagnostics: diagsFromWire(res.diagnostics) };
  }

  async read(type: string, state: ObjectValue, priv: Buffer = Buffer.alloc(0)) {
    const info = await this.resourceType(type);
    const res = await this.rpc('ReadResource', { type_name: type, current_state: this.enc(state, info.type), private: priv });
    return { state: decodeDynamic(res.new_state, info.type) as ObjectValue | null, private: res.private as Buffer, diagnostics: diagsFromWire(res.diagnostics) };
  }

  async upgrade(type: string, raw: unknown, version: number) {
    const info = await this.resourceType(type);
    const res = await this.rpc('UpgradeResourceState', { type_name: type, version, raw_state: { json: Buffer.from(JSON.stringify(raw)) } });
    return { state: decodeDynamic(res.upgraded_state, info.type) as ObjectValue | null, diagnostics: diagsFromWire(res.diagnostics) };
  }

  async importState(type: string, id: string) {
    const info = await this.resourceType(type);
    const res = await this.rpc('ImportResourceState', { type_name: type, id });
    return {
      imported: (res.imported_resources ?? []).map((i: Res) => ({ typeName: i.type_name as string, state: decodeDynamic(i.state, info.type) as ObjectValue, private: i.private as Buffer })),
      diagnostics: diagsFromWire(res.diagnostics),
    };
  }

  async readData(type: string, config: ObjectValue) {
    const info = await this.dataSourceType(type);
    const res = await this.rpc('ReadDataSource', { type_name: type, config: this.enc(this.full(config, info.type), info.type) });
    return { state: decodeDynamic(res.state, info.type) as ObjectValue | null, diagnostics: diagsFromWire(res.diagnostics) };
  }

  /** validate + plan + apply of a new object; throws CoreError on error diagnostics. */
  async create(type: string, config: ObjectValue): Promise<{ state: ObjectValue; private: Buffer }> {
    throwOnErrors('ValidateResourceConfig', await this.validate(type, config));
    const plan = await this.plan(type, { prior: null, config });
    throwOnErrors('PlanResourceChange', plan.diagnostics);
    const applied = await this.apply(type, { prior: null, planned: plan.planned, config, plannedPrivate: plan.plannedPrivate });
    throwOnErrors('ApplyResourceChange', applied.diagnostics);
    if (!isObjectValue(applied.state)) throw new Error('apply returned a null state for a create');
    return { state: applied.state, private: applied.private };
  }

  /** validate + plan + apply of an in-place update (throws if the plan requires replacement). */
  async update(type: string, prior: ObjectValue, config: ObjectValue, priorPrivate: Buffer = Buffer.alloc(0)) {
    throwOnErrors('ValidateResourceConfig', await this.validate(type, config));
    const plan = await this.plan(type, { prior, config, priorPrivate });
    throwOnErrors('PlanResourceChange', plan.diagnostics);
    if (plan.requiresReplace.length) throw new Error(`plan requires replacement at ${JSON.stringify(plan.requiresReplace)}`);
    const applied = await this.apply(type, { prior, planned: plan.planned, config, plannedPrivate: plan.plannedPrivate });
    throwOnErrors('ApplyResourceChange', applied.diagnostics);
    return { state: applied.state as ObjectValue, private: applied.private, planned: plan.planned as ObjectValue };
  }

  async destroy(type: string, prior: ObjectValue, priorPrivate: Buffer = Buffer.alloc(0)): Promise<void> {
    const plan = await this.plan(type, { prior, config: null, priorPrivate });
    throwOnErrors('PlanResourceChange', plan.diagnostics);
    const applied = await this.apply(type, { prior, planned: null, config: null, plannedPrivate: plan.plannedPrivate });
    throwOnErrors('ApplyResourceChange', applied.diagnostics);
    if (applied.state !== null) throw new Error('destroy returned a non-null state');
  }

  async stop(): Promise<string> {
    return (await this.rpc('StopProvider')).Error as string;
  }

  /** GRPCController.Shutdown, then (spawned) wait up to 2 s for the process to exit by itself. */
  async shutdown(): Promise<number | null> {
    await new Promise<void>((resolve, reject) =>
      (this.controller as unknown as { Shutdown: (r: Req, cb: (e: Error | null) => void) => void }).Shutdown({}, (e) => (e ? reject(e) : resolve())),
    );
    this.provider.close();
    this.controller.close();
    if (this.server) {
      await this.server.stop();
      return 0;
    }
    const child = this.child!;
    if (child.exitCode !== null) return child.exitCode;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('provider did not exit within 2 s of GRPCController.Shutdown (go-plugin would SIGKILL it)'));
      }, 2000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** For tests that kill the provider themselves. */
  get process(): ChildProcess | undefined {
    return this.child;
  }
}
