import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppliedIdemeum } from '../../../src/cli/simulate/terraform-state';

/**
 * The idemeum app file `login` reads (src/saml/app-file.ts), from the applied idemeum resources:
 * the application's key and certificate (key owner-only), its entitlements, and the users with
 * their AWS ids and groups.
 */
export function writeIdemeumAppFile(dir: string, applied: AppliedIdemeum): string {
  writeFileSync(join(dir, 'key.pem'), applied.application.signingKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), applied.application.certificatePem);
  const file = join(dir, 'idemeum-app.json');
  writeFileSync(
    file,
    JSON.stringify({
      entityId: applied.application.entityId,
      ssoUrl: applied.application.ssoUrl,
      keyFile: 'key.pem',
      certFile: 'cert.pem',
      sign: applied.application.sign,
      entitledUserIds: applied.application.entitledUserIds,
      entitledGroupIds: applied.application.entitledGroupIds,
      users: applied.users.map((u) => ({ id: u.id, userName: u.userName, groupIds: applied.groups.filter((g) => g.members.includes(u.id)).map((g) => g.id) })),
    }),
  );
  return file;
}
