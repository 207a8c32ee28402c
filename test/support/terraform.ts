import { locateAwsMirror, locateTerraform } from '../../src/terraform/locate';

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
  describeOrReport(name, toolchain ? undefined : reason, () => body(toolchain!));
}

/** The same for suites that need only the terraform binary (our provider, no hashicorp/aws). */
export function describeWithTerraformBinary(name: string, body: (terraform: string) => void): void {
  const located = locateTerraform();
  describeOrReport(name, located.reason, () => body(located.path!));
}

/** `describe`, or a skipped placeholder titled with the reason plus a NOT RUN line on stderr. */
export function describeOrReport(name: string, reason: string | undefined, body: () => void): void {
  if (reason !== undefined) {
    process.stderr.write(`[terraform suites] NOT RUN: "${name}" — ${reason}\n`);
    describe(name, () => {
      test.skip(`not run: ${reason}`, () => undefined);
    });
    return;
  }
  describe(name, body);
}
