import { compileProvider } from './launcher';

// Entry of the launcher form: `env node` runs whatever node is on PATH, so say plainly when it is too old.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`terraform-provider-idemeum: needs Node.js 20 or newer on PATH, found ${process.version} (${process.execPath}); install Node >= 20, or use a platform whose release carries its own Node (linux, windows)\n`);
  process.exit(1);
}
// The bundle and its code cache sit next to the executable.
compileProvider(__dirname).run();
