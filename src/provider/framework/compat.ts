import type { AttributePath, PathStep } from '../codec/path';
import { formatPath } from '../codec/path';
import type { CtyType } from '../codec/types';
import { type Value, Typed, isObjectValue, isUnknown, isWhollyKnown, valueEquals } from '../codec/values';

/**
 * Terraform's AssertObjectCompatible (objchange/compatible.go), in short: every value that was
 * known in the plan must come back unchanged after apply; unknowns may become anything of the
 * type. Returns the paths that broke the plan, so the framework reports them before Terraform's
 * "Provider produced inconsistent result after apply".
 */
export function incompatiblePaths(planned: Value, actual: Value, type: CtyType, path: PathStep[] = []): AttributePath[] {
  if (isUnknown(planned)) return [];
  if (!isWhollyKnown(planned)) {
    if (planned === null || actual === null) return planned === actual ? [] : [path];
    if (type === 'dynamic' && planned instanceof Typed && actual instanceof Typed) {
      return incompatiblePaths(planned.value, actual.value, planned.type, path);
    }
    if (Array.isArray(type) && type[0] === 'object' && isObjectValue(planned) && isObjectValue(actual)) {
      const attrs = type[1] as Record<string, CtyType>;
      return Object.keys(attrs).flatMap((k) => incompatiblePaths(planned[k] ?? null, actual[k] ?? null, attrs[k], [...path, k]));
    }
    if (Array.isArray(type) && type[0] === 'map' && isObjectValue(planned) && isObjectValue(actual)) {
      const keys = new Set([...Object.keys(planned), ...Object.keys(actual)]);
      return [...keys].flatMap((k) =>
        k in planned && k in actual ? incompatiblePaths(planned[k], actual[k], type[1] as CtyType, [...path, { key: k }]) : [[...path, { key: k }]],
      );
    }
    if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'tuple') && Array.isArray(planned) && Array.isArray(actual)) {
      if (planned.length !== actual.length) return [path];
      return planned.flatMap((p, i) =>
        incompatiblePaths(p, actual[i], type[0] === 'list' ? (type[1] as CtyType) : (type[1] as readonly CtyType[])[i], [...path, i]),
      );
    }
    if (Array.isArray(type) && type[0] === 'set' && Array.isArray(planned) && Array.isArray(actual)) {
      // Unknown set elements may resolve to values that coalesce, so only known elements must stay.
      const missing = planned.filter((p) => isWhollyKnown(p) && !actual.some((a) => valueEquals(p, a, type[1] as CtyType)));
      return missing.length || actual.length > planned.length ? [path] : [];
    }
    return [path];
  }
  return valueEquals(planned, actual, type) ? [] : [path];
}

export function describePaths(paths: readonly AttributePath[]): string {
  return paths.map((p) => (p.length ? formatPath(p) : '(the whole object)')).join(', ');
}
