import { TerraformOutput, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// adds the types of cdktf's jest matchers (test/setup.js installs them).
import 'cdktf/lib/testing/adapters/jest';

/** Synthesized cdk.tf.json: untyped by nature, indexed freely in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** Parsed cdk.tf.json of a scope built by `fn`. */
export function synthJson(fn: (scope: Construct) => void): Json {
  return JSON.parse(Testing.synthScope(fn));
}

/** A fresh stack inside a test app, for constructs that need a TerraformStack ancestor. */
export function testStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function only(json: Json, block: 'resource' | 'data', type: string): Json {
  const all = Object.values(json[block]?.[type] ?? {}) as Json[];
  expect(all).toHaveLength(1);
  return all[0];
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** How tokens render in cdk.tf.json (via outputs, the public way to see a reference). */
export function rendered(stack: TerraformStack, tokens: readonly unknown[]): unknown[] {
  tokens.forEach((value, i) => new TerraformOutput(stack, `__ref${i}`, { value }));
  const json = JSON.parse(Testing.synth(stack));
  return tokens.map((_, i) => json.output[`__ref${i}`].value);
}
