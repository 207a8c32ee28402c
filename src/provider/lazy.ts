/**
 * Loads a module on first call and returns it from then on.
 *
 * Terraform starts the provider 3-5 times per command and most starts only answer
 * GetProviderSchema, so code behind a resource's operations (the SCIM client with undici, the
 * SAML and X.509 libraries) must not load at start-up. Write `lazy(() => require('./x') as
 * typeof import('./x'))` with only `import type` from that module at the top: esbuild then
 * bundles the module behind an initializer that runs on that first call, not at start-up.
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { readonly value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
