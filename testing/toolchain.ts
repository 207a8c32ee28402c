import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProvider, type Installed } from '../src/cli/provider';
import { locateAwsMirror, locateTerraform } from '../src/terraform/locate';

/** What real-terraform tests need: the terraform binary and a filesystem mirror holding hashicorp/aws. */
export interface TerraformToolchain {
  readonly terraform: string;
  readonly awsMirror: string;
}

/** terraform or the hashicorp/aws mirror is missing; `reason` says which and how to provide it. */
export class TerraformToolchainError extends Error {
  override readonly name = 'TerraformToolchainError';
}

/**
 * Finds terraform (`TERRAFORM_BINARY`, else `terraform` on PATH) and the hashicorp/aws mirror
 * (`IDEMEUM_TF_PLUGIN_MIRROR`, else Terraform's implicit mirror directories, else, with
 * `search`, one search of the filesystem). Returns the reason instead when either is missing,
 * so a suite can say why it did not run.
 */
export function findTerraformToolchain(options: { readonly search?: boolean; readonly env?: NodeJS.ProcessEnv } = {}):
  | { readonly toolchain: TerraformToolchain; readonly reason?: undefined }
  | { readonly toolchain?: undefined; readonly reason: string } {
  const env = options.env ?? process.env;
  const terraform = locateTerraform(env);
  if (terraform.path === undefined) return { reason: terraform.reason };
  const mirror = locateAwsMirror(env, { search: options.search ?? false });
  if (mirror.path === undefined) return { reason: mirror.reason };
  return { toolchain: { terraform: terraform.path, awsMirror: mirror.path } };
}

export function requireTerraformToolchain(options: { readonly search?: boolean } = {}): TerraformToolchain {
  const found = findTerraformToolchain(options);
  if (!found.toolchain) throw new TerraformToolchainError(found.reason);
  return found.toolchain;
}

let installed: Promise<Installed> | undefined;

/** Our provider in a filesystem mirror of its own, installed once per process. */
export function idemeumProviderMirror(): Promise<Installed> {
  installed ??= installProvider({ dir: mkdtempSync(join(tmpdir(), 'idemeum-provider-mirror-')) }).catch((err: unknown) => {
    installed = undefined;
    throw err;
  });
  return installed;
}
