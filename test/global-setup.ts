import { locateAwsMirror } from '../src/terraform/locate';

/**
 * Runs once before the workers start: when IDEMEUM_TF_PLUGIN_MIRROR is not set, look for the
 * hashicorp/aws mirror on this machine so `npm test` runs the real-terraform suites wherever a
 * mirror exists. Workers inherit the variable. If none is found the suites say NOT RUN and why.
 */
export default function globalSetup(): void {
  if (process.env.IDEMEUM_TF_PLUGIN_MIRROR) return;
  const found = locateAwsMirror(process.env, { search: true });
  if (found.path) process.env.IDEMEUM_TF_PLUGIN_MIRROR = found.path;
}
