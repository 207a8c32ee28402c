import { locateAwsMirror, locateTerraform } from '../../src/terraform/locate';
import { describeOrReport } from './not-run';

export interface TerraformToolchain {
  /** The terraform binary. */
  readonly terraform: string;
  /** Filesystem mirror root holding registry.terraform.io/hashicorp/aws. */
  readonly awsMirror: string;
}

/** Finds terraform and the AWS provider mirror from configuration, or says why not. */
export function findToolchain(): { toolchain?: TerraformToolchain; reason?: string } {
  const terraform = locateTerraform();
  if (!terraform.path) return { reason: terraform.reason };
  const mirror = locateAwsMirror();
  if (!mirror.path) return { reason: mirror.reason };
  return { toolchain: { terraform: terraform.path, awsMirror: mirror.path } };
}

/**
 * `describe` for suites that drive real terraform. When terraform or the mirror is missing the
 * suite is reported as skipped with the reason in its title, and a line on stderr says what did
 * not run and why — it never passes silently.
 */
export function describeWithTerraform(name: string, body: (toolchain: TerraformToolchain) => void): void {
  const { toolchain, reason } = findToolchain();
  describeOrReport('terraform suites', name, toolchain ? undefined : reason, () => body(toolchain!));
}

/** The same for suites that need only the terraform binary (our provider, no hashicorp/aws). */
export function describeWithTerraformBinary(name: string, body: (terraform: string) => void): void {
  const located = locateTerraform();
  describeOrReport('terraform suites', name, located.reason, () => body(located.path!));
}
