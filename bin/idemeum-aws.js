#!/usr/bin/env node
// In a checkout the CLI runs its TypeScript sources through tsx, so a fresh `npm ci` needs no
// build before `npm start`; an installed package (under node_modules) runs the compiled dist/.
const { sep } = require('node:path');
const installed = __dirname.split(sep).includes('node_modules');
if (!installed) require('tsx/cjs');
require(installed ? '../dist/src/cli/main.js' : '../src/cli/main.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => { process.stderr.write(`idemeum-aws: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 1; },
);
