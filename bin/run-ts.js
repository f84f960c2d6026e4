#!/usr/bin/env node
// Runs a TypeScript file through tsx: `node bin/run-ts.js FILE.ts [args…]` (npm run bench).
// The file runs as a script; if it exports `main(argv)`, that is awaited and its number is the
// exit code.
'use strict';

const path = require('node:path');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bin/run-ts.js FILE.ts [args…]\n');
  process.exit(2);
}

require('tsx/cjs/api').register();

let mod;
try {
  mod = require(path.resolve(process.cwd(), file));
} catch (err) {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
}
const args = process.argv.slice(3);
if (mod && typeof mod.main === 'function') {
  Promise.resolve(mod.main(args)).then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
