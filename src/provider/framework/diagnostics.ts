import type { AttributePath } from '../codec/path';

export type Severity = 'error' | 'warning';

/** A Terraform diagnostic. `detail` is a sentence a person can act on; `path` points at config. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  readonly path?: AttributePath;
}

/** Throw from any resource hook to fail that step with these diagnostics (nothing is half-applied). */
export class DiagnosticError extends Error {
  override readonly name: string = 'DiagnosticError';
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? (diagnostics as readonly Diagnostic[]) : [diagnostics as Diagnostic];
    super(list.map((d) => d.summary + (d.detail ? `: ${d.detail}` : '')).join('; '));
    this.diagnostics = list;
  }
}

export function error(summary: string, detail?: string, path?: AttributePath): Diagnostic {
  return { severity: 'error', summary, ...(detail !== undefined && { detail }), ...(path && { path }) };
}

export function warning(summary: string, detail?: string, path?: AttributePath): Diagnostic {
  return { severity: 'warning', summary, ...(detail !== undefined && { detail }), ...(path && { path }) };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Collects diagnostics while validating, so every problem is reported at once. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  add(...d: Diagnostic[]): this {
    this.list.push(...d);
    return this;
  }
  error(summary: string, detail?: string, path?: AttributePath): this {
    return this.add(error(summary, detail, path));
  }
  warning(summary: string, detail?: string, path?: AttributePath): this {
    return this.add(warning(summary, detail, path));
  }
  get hasErrors(): boolean {
    return hasErrors(this.list);
  }
}
