import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { portalUrl } from '../../../mocks/saml';
import { addBeforeDispatch } from '../../../mocks/server';
import type { StartedEmulator } from '../../../mocks/testing';
import { CATALOG_PATH, catalogHandler } from '../../catalog';
import { loadAppFile } from '../../saml/app-file';
import { chooseAcs, parseSpMetadata } from '../../saml/sp-metadata';

export interface ServeInput {
  readonly emulator: StartedEmulator;
  /** The idemeum app file the simulation wrote (keys, entitlements, users). */
  readonly appFile: string;
  /** The SP metadata downloaded from the emulator: what idemeum's AWS application was given. */
  readonly spMetadataFile: string;
  /** The HTML access report, for the walk-through. */
  readonly accessReport: string;
}

/**
 * Mounts idemeum's user catalog on the emulator's loopback server (next to, not inside, the AWS
 * surfaces) and keeps both up until SIGINT/SIGTERM.
 */
export async function serveCatalog(input: ServeInput, out: (line: string) => void): Promise<void> {
  const { emulator } = input;
  const app = loadAppFile(input.appFile);
  const sp = parseSpMetadata(readFileSync(input.spMetadataFile, 'utf8'));
  addBeforeDispatch(
    emulator.state,
    catalogHandler({
      app,
      sp: { entityId: sp.entityId, acsUrl: chooseAcs(sp).location },
      relayState: portalUrl(emulator.state),
      now: () => emulator.state.clock.now(),
      newId: () => randomUUID().replace(/-/g, ''),
    }),
  );
  const catalog = `${emulator.endpoint}${CATALOG_PATH}`;
  const someone = app.users[0]?.userName ?? '<user>';
  out(
    [
      '',
      `The emulator stays up at ${emulator.endpoint}.`,
      `  catalog        ${catalog}   (idemeum's user catalog: pick a user, click Amazon Web Services)`,
      `  one user       ${catalog}?user=${encodeURIComponent(someone)}`,
      `  access portal  ${portalUrl(emulator.state)}`,
      `  access report  ${input.accessReport}`,
      `  from code      npx idemeum-aws login --app ${input.appFile} --user ${someone} --endpoint ${emulator.endpoint}`,
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveWait) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveWait();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out('stopping: the emulator and the catalog are shut down.\n');
}
