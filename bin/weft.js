#!/usr/bin/env node
// The `weft` command runs from the compiled tree; `npm ci` (its prepare step) and `npm run build` make it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('weft: not built yet — run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
require(main);
