import { App, LocalBackend } from 'cdktf';
import { join, resolve } from 'node:path';
import type { ExampleStackConfig } from './config';
import { ExampleStack } from './example-stack';

/** Name of the example stack; its Terraform lands in `<outdir>/stacks/<name>/cdk.tf.json`. */
export const EXAMPLE_STACK_NAME = 'idemeum-aws-sso';

export interface BuiltExample {
  /** The directory to run terraform in. */
  readonly stackDir: string;
  readonly stackName: string;
}

/** Synthesizes the example stack to `outdir` (for the simulation and the e2e tests). */
export function buildExampleApp(config: ExampleStackConfig, outdir: string): BuiltExample {
  const app = new App({ outdir: resolve(outdir) });
  const stack = new ExampleStack(app, EXAMPLE_STACK_NAME, config);
  // state next to cdk.tf.json (relative paths resolve against terraform's working directory),
  // not in the caller's cwd where cdktf's default would put it.
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  app.synth();
  return { stackDir: join(resolve(outdir), 'stacks', EXAMPLE_STACK_NAME), stackName: EXAMPLE_STACK_NAME };
}
