/**
 * An attribute path, as Terraform's AttributePath steps: a string is an attribute name,
 * `{ key }` a map element, a number a list/tuple index. Set elements have no stable address
 * (Terraform points at the set itself).
 */
export type PathStep = string | number | { readonly key: string };
export type AttributePath = readonly PathStep[];

export function formatPath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'string') out += out ? `.${step}` : step;
    else if (typeof step === 'number') out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
