/**
 * What the simulation needs from `terraform show -json`: the idemeum application (keys, IdP
 * metadata, entitlements) and the pushed users and groups. Sensitive values are present in
 * `show -json` output, so this is read into memory and written only to 0600 files.
 */
export interface AppliedApplication {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly signingKeyPem: string;
  readonly certificatePem: string;
  readonly idpMetadataXml: string;
  readonly sign: string;
  readonly sessionDuration: string;
  readonly attributeMappings: Record<string, string>;
  readonly entitledUserIds: string[];
  readonly entitledGroupIds: string[];
}

export interface AppliedUser {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
}

export interface AppliedGroup {
  readonly id: string;
  readonly displayName: string;
  readonly members: string[];
}

export interface AppliedIdemeum {
  readonly application: AppliedApplication;
  readonly users: AppliedUser[];
  readonly groups: AppliedGroup[];
}

interface ShowResource {
  readonly type: string;
  readonly mode: string;
  readonly values: Record<string, unknown>;
}

interface ShowModule {
  readonly resources?: ShowResource[];
  readonly child_modules?: ShowModule[];
}

function allResources(module: ShowModule | undefined): ShowResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(allResources)];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function readAppliedIdemeum(showJson: string): AppliedIdemeum {
  const doc = JSON.parse(showJson) as { values?: { root_module?: ShowModule } };
  const resources = allResources(doc.values?.root_module).filter((r) => r.mode === 'managed');
  const apps = resources.filter((r) => r.type === 'idemeum_aws_application');
  if (apps.length !== 1) {
    throw new Error(`expected exactly one idemeum_aws_application in the applied state, found ${apps.length}`);
  }
  const a = apps[0].values;
  return {
    application: {
      entityId: str(a.entity_id),
      ssoUrl: str(a.sso_url),
      signingKeyPem: str(a.signing_key_pem),
      certificatePem: str(a.certificate_pem) || str(a.signing_certificate_pem),
      idpMetadataXml: str(a.idp_metadata_xml),
      sign: str(a.sign) || 'assertion',
      sessionDuration: str(a.session_duration) || 'PT8H',
      attributeMappings: (a.attribute_mappings as Record<string, string> | null) ?? {},
      entitledUserIds: strs(a.entitled_user_ids),
      entitledGroupIds: strs(a.entitled_group_ids),
    },
    users: resources
      .filter((r) => r.type === 'idemeum_pushed_user')
      .map((r) => ({ id: str(r.values.id), userName: str(r.values.user_name), ...(str(r.values.display_name) ? { displayName: str(r.values.display_name) } : {}) })),
    groups: resources
      .filter((r) => r.type === 'idemeum_pushed_group')
      .map((r) => ({ id: str(r.values.id), displayName: str(r.values.display_name), members: strs(r.values.members) })),
  };
}
