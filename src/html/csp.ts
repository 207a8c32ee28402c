import { createHash } from 'node:crypto';

/** A CSP hash source for one inline `<script>` or `<style>` body, exactly as written in the page. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export interface PolicyInput {
  /** Bodies of the inline `<style>` elements the page may apply. */
  readonly styles: readonly string[];
  /** Bodies of the inline `<script>` elements the page may run; none means no script at all. */
  readonly scripts?: readonly string[];
  /** Where the page's forms may post besides its own origin (e.g. another origin's ACS). */
  readonly formTargets?: readonly string[];
}

/**
 * A policy that allows nothing but the page itself: no external assets, no inline script or style
 * except the ones named by hash, forms only to this origin (and the named targets), no framing.
 */
export function contentSecurityPolicy(input: PolicyInput): string {
  const scripts = input.scripts ?? [];
  return [
    "default-src 'none'",
    `style-src ${input.styles.map(hashSource).join(' ')}`,
    `script-src ${scripts.length ? scripts.map(hashSource).join(' ') : "'none'"}`,
    `form-action ${["'self'", ...(input.formTargets ?? [])].join(' ')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
