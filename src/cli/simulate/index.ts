import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { accessSnapshot } from '../../../mocks/access-snapshot';
import { startEmulator, type StartedEmulator } from '../../../mocks/testing';
import { AccessReport, effectiveAccess, planAccessChanges, renderChangesJson, renderChangesMarkdown, renderHtml, renderMarkdown, renderText, type AccessChangeReport } from '../../access';
import { NotEntitledError } from '../../saml/errors';
import { locateAwsMirror, locateTerraform } from '../../terraform/locate';
import { TerraformWorkdir } from '../../terraform/workdir';
import { login, LoginError, type PortalListing } from '../login';
import type { Command } from '../main';
import { installProvider } from '../provider';
import { serveCatalog } from './serve';
import { readAppliedIdemeum, type AppliedIdemeum } from './terraform-state';
import { PACKAGE_ROOT, RUNS_FROM_SOURCE } from '../../package-info';

const ROOT = PACKAGE_ROOT;
const DEFAULT_ACCOUNTS = ['111111111111', '222222222222', '333333333333'];

const USAGE = `usage: idemeum-aws simulate [--workdir DIR] [--accounts id,id,id] [--serve]
  Applies the example stack (stacks/) with real Terraform to the local IAM Identity Center emulator,
  signs every pushed user in through SAML and shows who can reach which account with which
  permission set. Needs terraform (PATH or TERRAFORM_BINARY) and a filesystem mirror holding
  hashicorp/aws (IDEMEUM_TF_PLUGIN_MIRROR, or found on this machine).
  --workdir   where the mirror, synthesized stack, state and reports go (default .sim)
  --accounts  production,staging,sandbox account ids (default ${DEFAULT_ACCOUNTS.join(',')})
  --serve     keep the emulator up afterwards and serve idemeum's user catalog at
              <endpoint>/idemeum/catalog (prints its URL; Ctrl-C stops both)
`;

class SimulationError extends Error {}

function log(step: string, detail: string): void {
  process.stdout.write(`  ${step.padEnd(16)} ${detail}\n`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`];
}

/** Synthesizes the example app (stacks/main) in a child process: src/ never imports cdktf. */
function synthesize(outdir: string, env: Record<string, string>): Promise<void> {
  const app = RUNS_FROM_SOURCE ? ['--require', require.resolve('tsx/cjs'), join(ROOT, 'stacks', 'main.ts')] : [join(ROOT, 'dist', 'stacks', 'main.js')];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, app, {
      cwd: ROOT,
      env: { ...process.env, ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new SimulationError(`synthesizing stacks/main.ts failed (exit ${code}):\n${output}`))));
  });
}

function writeAppFile(dir: string, applied: AppliedIdemeum): string {
  const keyFile = join(dir, 'idemeum-signing-key.pem');
  writeFileSync(keyFile, applied.application.signingKeyPem, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(join(dir, 'idemeum-signing-cert.pem'), applied.application.certificatePem);
  const groupsOf = (userId: string): string[] => applied.groups.filter((g) => g.members.includes(userId)).map((g) => g.id);
  const appFile = join(dir, 'idemeum-app.json');
  writeFileSync(
    appFile,
    JSON.stringify(
      {
        entityId: applied.application.entityId,
        ssoUrl: applied.application.ssoUrl,
        keyFile: 'idemeum-signing-key.pem',
        certFile: 'idemeum-signing-cert.pem',
        sign: applied.application.sign,
        sessionDuration: applied.application.sessionDuration,
        attributeMappings: applied.application.attributeMappings,
        entitledUserIds: applied.application.entitledUserIds,
        entitledGroupIds: applied.application.entitledGroupIds,
        users: applied.users.map((u) => ({ id: u.id, userName: u.userName, displayName: u.displayName, groupIds: groupsOf(u.id) })),
      },
      null,
      2,
    ),
  );
  return appFile;
}

interface SignInResult {
  readonly userName: string;
  readonly listing?: PortalListing;
  readonly refused?: string;
}

/** The portal must show exactly what the assignments grant: same (account, permission set) pairs. */
function compareWithPortal(report: AccessReport, results: readonly SignInResult[]): string[] {
  const problems: string[] = [];
  for (const r of results) {
    const expected = report.grants
      .filter((g) => g.userName.toLowerCase() === r.userName.toLowerCase())
      .map((g) => `${g.accountId}:${g.permissionSet}`)
      .sort();
    const shown = (r.listing?.accounts ?? []).flatMap((a) => a.permissionSets.map((p) => `${a.accountId}:${p.name}`)).sort();
    if (r.refused && expected.length > 0) problems.push(`${r.userName} holds ${expected.join(', ')} but the sign-in was refused: ${r.refused}`);
    if (!r.refused && expected.join() !== shown.join()) {
      problems.push(`${r.userName}: the portal shows [${shown.join(', ')}] but the assignments grant [${expected.join(', ')}]`);
    }
  }
  return problems;
}

/**
 * The organization of the example: production in its OU, staging and sandbox (and any further
 * account) in the non-production OU the stack grants to. Returns that OU's id.
 */
function buildOrganization(em: StartedEmulator, accounts: readonly string[]): string {
  const [production, ...others] = accounts;
  const org = em.state.organization;
  const productionOu = org.createOrganizationalUnit(org.rootId, 'Production');
  const nonProduction = org.createOrganizationalUnit(org.rootId, 'NonProduction');
  org.addAccount(production, { parentId: productionOu.id, name: 'production' });
  for (const id of others) org.addAccount(id, { parentId: nonProduction.id });
  return nonProduction.id;
}

/** The applied state must grant exactly what the plan's access diff said it would (the first plan only gains). */
function compareWithPlan(planned: AccessChangeReport, report: AccessReport): string[] {
  const said = planned.changes.filter((c) => c.change === 'gain').map((c) => `${c.user} ${c.account} ${c.permissionSet}`).sort();
  const granted = report.grants.map((g) => `${g.userName} ${g.accountId} ${g.permissionSet}`).sort();
  if (said.join() === granted.join() && planned.unresolved.length === 0) return [];
  return [`the plan's access diff said [${said.join('; ')}]${planned.unresolved.length ? ` with ${planned.unresolved.length} unresolved` : ''}, but the apply granted [${granted.join('; ')}]`];
}

export async function simulate(options: { workdir: string; accounts: string[]; serve: boolean }): Promise<number> {
  const terraform = locateTerraform();
  if (!terraform.path) throw new SimulationError(`${terraform.reason}`);
  const mirror = locateAwsMirror(process.env, { search: true });
  if (!mirror.path) throw new SimulationError(`${mirror.reason}`);
  const [production, staging, sandbox] = options.accounts;
  if (!production || !staging) throw new SimulationError('--accounts needs at least production and staging account ids');

  const workdir = resolve(options.workdir);
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  process.stdout.write('idemeum-aws simulate: the example stack against a local IAM Identity Center\n');
  log('terraform', terraform.path);
  log('aws provider', mirror.path);

  let emulator: StartedEmulator | undefined;
  try {
    emulator = await startEmulator();
    const em = emulator;
    const nonProductionOu = buildOrganization(em, options.accounts);
    log('emulator', `${em.endpoint} (identity store ${em.state.identityStoreId}, accounts ${options.accounts.join(', ')}; non-production OU ${nonProductionOu})`);

    const installed = await installProvider({ dir: join(workdir, 'mirror') });
    log('idemeum provider', `${installed.version} → ${installed.mirrorDir}`);

    const spMetadata = await fetch(`${em.endpoint}/saml/metadata`);
    if (!spMetadata.ok) throw new SimulationError(`downloading the SP metadata failed (${spMetadata.status})`);
    const spMetadataFile = join(workdir, 'aws-sp-metadata.xml');
    writeFileSync(spMetadataFile, await spMetadata.text());

    const outdir = join(workdir, 'cdktf.out');
    const stackEnv = {
      IDEMEUM_AWS_ENDPOINT: em.endpoint,
      IDEMEUM_AWS_REGION: em.state.options.region,
      IDEMEUM_SCIM_ENDPOINT: em.scimUrl,
      IDEMEUM_SCIM_TOKEN_ISSUED_AT: em.state.clock.now().toISOString(),
      IDEMEUM_SP_METADATA_FILE: spMetadataFile,
      IDEMEUM_AWS_ACCOUNTS: [`production=${production}`, `staging=${staging}`, ...(sandbox ? [`sandbox=${sandbox}`] : [])].join(','),
      IDEMEUM_AWS_NON_PRODUCTION_OU: nonProductionOu,
    };
    const [, synthTime] = await timed(() => synthesize(outdir, stackEnv));
    const stackDir = join(outdir, 'stacks', 'idemeum-aws-sso');
    log('synth', `${stackDir} (${synthTime})`);

    const tf = TerraformWorkdir.create({
      terraform: terraform.path,
      mirrors: [mirror.path, installed.mirrorDir],
      dir: stackDir,
      env: { IDEMEUM_SCIM_TOKEN: em.scimToken },
    });
    const [, initTime] = await timed(() => tf.init());
    log('terraform init', `offline from the mirrors (${initTime})`);
    const [, planTime] = await timed(() => tf.expectOk(['plan', '-no-color', '-input=false', '-out=plan.tfplan'], { timeoutMs: 600_000 }));
    const planned = planAccessChanges((await tf.expectOk(['show', '-json', 'plan.tfplan'])).stdout);
    writeFileSync(join(workdir, 'access-diff.md'), renderChangesMarkdown(planned));
    writeFileSync(join(workdir, 'access-diff.json'), renderChangesJson(planned));
    log('access diff', `of the plan (${planTime}), also in ${join(options.workdir, 'access-diff.md')}:`);
    process.stdout.write(`\n${renderChangesMarkdown(planned).replace(/^/gm, '    ')}\n`);
    const [applied, applyTime] = await timed(() => tf.expectOk(['apply', '-no-color', '-input=false', 'plan.tfplan'], { timeoutMs: 600_000 }));
    const summary = /Apply complete! Resources: [^\n]*/.exec(applied.stdout)?.[0] ?? 'applied';
    log('terraform apply', `${summary} (${applyTime})`);

    const state = readAppliedIdemeum((await tf.expectOk(['show', '-json'])).stdout);
    const upload = await fetch(`${em.endpoint}/_fake/saml/idp-metadata`, { method: 'PUT', body: state.application.idpMetadataXml });
    if (!upload.ok) throw new SimulationError(`IAM Identity Center refused the IdP metadata (${upload.status}): ${await upload.text()}`);
    log('identity source', `idemeum (${state.application.entityId}) set as the SAML IdP`);

    const appFile = writeAppFile(workdir, state);
    const results: SignInResult[] = [];
    for (const user of [...state.users].sort((a, b) => a.userName.localeCompare(b.userName))) {
      try {
        const listing = await login({ appFile, userName: user.userName, endpoint: em.endpoint });
        results.push({ userName: user.userName, listing });
        const reach = listing.accounts.map((a) => `${a.accountId} ${a.permissionSets.map((p) => p.name).join('+')}`).join('; ');
        log('sign-in', `${user.userName} → ${reach || 'no accounts'}`);
      } catch (err) {
        if (!(err instanceof LoginError) && !(err instanceof NotEntitledError)) throw err;
        results.push({ userName: user.userName, refused: err.message });
        log('sign-in', `${user.userName} refused: ${err.message}`);
      }
    }

    const report = effectiveAccess(accessSnapshot(em.state));
    const problems = [...compareWithPortal(report, results), ...compareWithPlan(planned, report)];
    const [plan] = await timed(() => tf.run(['plan', '-detailed-exitcode', '-no-color', '-input=false']));
    if (plan.code === 2) problems.push(`a second plan is not empty:\n${plan.stdout}`);
    else if (plan.code !== 0) problems.push(`the second plan failed:\n${plan.stdout}\n${plan.stderr}`);
    else log('terraform plan', 'no changes: the emulator matches the configuration');

    writeFileSync(join(workdir, 'access.md'), `# Effective AWS access\n\n${renderMarkdown(report)}`);
    writeFileSync(join(workdir, 'access.html'), renderHtml(report));
    process.stdout.write(`\nWho can reach which account with which permission set (also in ${join(options.workdir, 'access.md')}):\n\n`);
    process.stdout.write(renderText(report));
    if (problems.length > 0) {
      process.stdout.write(`\nThe simulation found problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write(`\nEvery sign-in matched the assignments (${results.filter((r) => r.listing).length} signed in, ${results.filter((r) => r.refused).length} refused).\n`);
    if (options.serve) {
      await serveCatalog({ emulator: em, appFile, spMetadataFile, accessReport: join(workdir, 'access.html') }, (text) => process.stdout.write(text));
    }
    return 0;
  } finally {
    await emulator?.close();
  }
}

export const command: Command = {
  usage: USAGE,
  summary: 'apply the example stack to the local emulator and sign every entitled user in',
  async run(args: string[]): Promise<number> {
    let values;
    try {
      values = parseArgs({ args, options: { workdir: { type: 'string' }, accounts: { type: 'string' }, serve: { type: 'boolean' }, help: { type: 'boolean' } } }).values;
    } catch (err) {
      process.stderr.write(`idemeum-aws simulate: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    try {
      return await simulate({
        workdir: values.workdir ?? '.sim',
        accounts: (values.accounts ?? DEFAULT_ACCOUNTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean),
        serve: values.serve ?? false,
      });
    } catch (err) {
      if (!(err instanceof SimulationError)) throw err;
      process.stderr.write(`idemeum-aws simulate: ${err.message}\n`);
      return 1;
    }
  },
};
