#!/usr/bin/env node
// The `weft` command runs from the compiled tree; `npm run build` makes it.
require('../dist/cli/src/main.js');
