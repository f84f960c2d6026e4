#!/usr/bin/env node
// The `holdline` command. The station is TypeScript run straight from the source tree through
// tsx, so `npx holdline …` works right after `npm install`, with no build step.
'use strict';

const path = require('node:path');

require('tsx/cjs/api').register();

/** @type {{ main(argv: string[]): Promise<number> }} */
let cli;
try {
  cli = require(path.join(__dirname, '..', 'electron', 'station', 'cli.ts'));
} catch (err) {
  // Print the stack only: Node would also echo the (minified) loader line it failed in.
  process.stderr.write(
    `holdline: could not load the station: ${err && err.stack ? err.stack : err}\n`,
  );
  process.exit(1);
}

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`holdline: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
