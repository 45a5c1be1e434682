// Preloaded into the CLI by a test (NODE_OPTIONS=--require): when the first HTTP request leaves,
// writes the built-in modules Node has loaded so far to $SUMMON_MODULE_PROBE.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const original = http.request;
let written = false;
http.request = function request(...args) {
  if (!written) {
    written = true;
    fs.writeFileSync(process.env.SUMMON_MODULE_PROBE, JSON.stringify(process.moduleLoadList));
  }
  return original.apply(this, args);
};
