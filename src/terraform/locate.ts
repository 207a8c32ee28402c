import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where something was found, or why it was not. */
export type Located = { readonly path: string; readonly reason?: undefined } | { readonly path?: undefined; readonly reason: string };

/**
 * The terraform binary: `$TERRAFORM_BINARY` if set, else `terraform` on PATH.
 */
export function locateTerraform(env: NodeJS.ProcessEnv = process.env): Located {
  const configured = env.TERRAFORM_BINARY;
  if (configured) {
    return isExecutable(configured)
      ? { path: configured }
      : { reason: `TERRAFORM_BINARY=${configured} is not an executable file` };
  }
  const onPath = findOnPath('terraform', env);
  return onPath ? { path: onPath } : { reason: 'terraform is not on PATH (install Terraform 1.11 or set TERRAFORM_BINARY)' };
}

/** The first executable called `name` in the directories of `$PATH`. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

const AWS_PROVIDER = join('registry.terraform.io', 'hashicorp', 'aws');

/**
 * A filesystem mirror holding `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`.
 * Looked up, in order: `$IDEMEUM_TF_PLUGIN_MIRROR`; Terraform's own implicit local mirror
 * directories (`$TF_PLUGIN_DIRS` style list via `$IDEMEUM_TF_PLUGIN_SEARCH_PATH`, then
 * ~/.terraform.d/plugins, $XDG_DATA_HOME/terraform/plugins,
 * /usr/share/terraform/plugins). With `search: true` it finally looks for the provider binary
 * across the filesystem (slow: seconds), as the machine notes suggest.
 */
export function locateAwsMirror(env: NodeJS.ProcessEnv = process.env, options: { search?: boolean } = {}): Located {
  const configured = env.IDEMEUM_TF_PLUGIN_MIRROR;
  if (configured) {
    return hasAwsProvider(configured)
      ? { path: configured }
      : { reason: `IDEMEUM_TF_PLUGIN_MIRROR=${configured} holds no ${AWS_PROVIDER}/<version>/ directory` };
  }
  const xdgData = env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  const candidates = [
    ...(env.IDEMEUM_TF_PLUGIN_SEARCH_PATH ?? '').split(delimiter).filter(Boolean),
    join(homedir(), '.terraform.d', 'plugins'),
    join(xdgData, 'terraform', 'plugins'),
    '/usr/share/terraform/plugins',
  ];
  for (const dir of candidates) if (hasAwsProvider(dir)) return { path: dir };
  if (options.search) {
    const found = searchFilesystem();
    if (found) return { path: found };
  }
  return {
    reason:
      'no filesystem mirror with hashicorp/aws was found (set IDEMEUM_TF_PLUGIN_MIRROR to a directory holding ' +
      `${AWS_PROVIDER}/5.100.0/linux_amd64/)`,
  };
}

function searchFilesystem(): string | undefined {
  let out: string;
  try {
    out = execFileSync(
      'find',
      ['/', '-xdev', '(', '-path', '/proc', '-o', '-path', '/sys', '-o', '-path', '/dev', '-o', '-name', 'node_modules', '-o', '-name', '.terraform', ')', '-prune', '-o', '-name', 'terraform-provider-aws_v*', '-print', '-quit'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 },
    ).trim();
  } catch (err) {
    // find exits 1 when a directory vanishes mid-walk (another run's temp dir); what it printed still counts.
    // (.terraform dirs are pruned above: they are working copies that come and go, never mirrors.)
    out = String((err as { stdout?: unknown }).stdout ?? '').trim();
  }
  // <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_v...
  const marker = `/${AWS_PROVIDER}/`;
  const at = out.indexOf(marker);
  return at > 0 && hasAwsProvider(out.slice(0, at)) ? out.slice(0, at) : undefined;
}

/** Versions of hashicorp/aws a mirror holds, newest first. */
export function awsVersionsIn(mirror: string): string[] {
  const dir = join(mirror, AWS_PROVIDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
}

function hasAwsProvider(dir: string): boolean {
  return awsVersionsIn(dir).length > 0;
}

export function isExecutable(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}
