#!/usr/bin/env node
// The `sf` bin (package.json "bin"): the ops CLI of tools/sf.ts, compiled on the fly like the npm scripts.
require('@swc-node/register');
require('./sf.ts');
