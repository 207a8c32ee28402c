#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so a fresh `npm ci` needs no build step.
require('tsx/cjs');
require('../src/cli/main.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => { process.stderr.write(`idemeum-aws: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 1; },
);
