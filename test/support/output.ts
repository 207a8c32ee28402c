import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A suite's output folder (screenshots, logs): `$TEST_OUTPUT_DIR/<suite>`, by default `test-output/<suite>` in the repository (not committed). */
export function testOutputDir(suite: string): string {
  const dir = join(process.env.TEST_OUTPUT_DIR ?? resolve(__dirname, '..', '..', 'test-output'), suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
