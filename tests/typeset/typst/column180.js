// column180.js -- compile column180.typ to PDF with the Typst node compiler
// (@myriaddreamin/typst-ts-node-compiler 0.7.0, Typst 0.14), as the peers'
// benchmark does. The package is not in this repository: install it in a copy
// of the benchmark's node folder and point NODE_PATH at its node_modules:
//
//   NODE_PATH=/tmp/typst-node/node_modules node tests/typeset/typst/column180.js OUT.pdf
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

if (process.argv.length !== 3) {
  console.error('usage: node column180.js OUT.pdf');
  process.exit(2);
}
const root = path.resolve(__dirname, '..', '..', '..');   // the repository: /data/... is the dataset
const compiler = NodeCompiler.create({
  workspace: root,
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/nanum'] }],
});
const res = compiler.compile({ mainFilePath: path.join(__dirname, 'column180.typ') });
if (res.hasError() || !res.result) {
  res.printErrors();
  process.exit(1);
}
fs.writeFileSync(process.argv[2], compiler.pdf(res.result, { pdfTags: false }));
