#!/usr/bin/env node
// The `aispend` command: runs the bundled CLI, building it first when the
// sources are newer than the bundle (a fresh clone, or after an edit).
'use strict';
const path = require('node:path');

async function main() {
  const lib = await import(path.join(__dirname, '..', 'scripts', 'build-lib.mjs'));
  if (lib.isStale('node')) await lib.buildNode({ quiet: true });
  require(path.join(__dirname, '..', 'dist', 'cli', 'aispend.cjs'));
}

main().catch((error) => {
  process.stderr.write(`aispend: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
