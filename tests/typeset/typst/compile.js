// compile.js -- compiles a briefing set by Typst (anniversary.typ,
// dialogue.typ or overview.typ, written by gen.js, styled by brief.typ) to
// PDF with the Typst node compiler (@myriaddreamin/typst-ts-node-compiler
// 0.7.0, Typst 0.14), with the same font files brief embeds. The package is
// not in this repository: see tests/typeset/README.md ("Typst").
//
//   NODE_PATH=/tmp/typst-node/node_modules node tests/typeset/typst/compile.js NAME OUT.pdf [KEY=VALUE...]
//
// KEY=VALUE pairs are Typst's sys.inputs: compounds=keep forbids, as brief
// does, a line break after the hyphen of a compound (brief.typ).
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const names = ['anniversary', 'dialogue', 'overview'];
const inputs = Object.fromEntries(process.argv.slice(4).map(a => a.split(/=(.*)/s).slice(0, 2)));
if (process.argv.length < 4 || !names.includes(process.argv[2]) ||
    process.argv.slice(4).some(a => !a.includes('='))) {
  console.error('usage: node compile.js ' + names.join('|') + ' OUT.pdf [KEY=VALUE...]');
  process.exit(2);
}
const compiler = NodeCompiler.create({
  workspace: __dirname,
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/nanum'] }],
});
const res = compiler.compile({ mainFilePath: path.join(__dirname, process.argv[2] + '.typ'), inputs });
if (res.hasError() || !res.result) {
  res.printErrors();
  process.exit(1);
}
fs.writeFileSync(process.argv[3], compiler.pdf(res.result, { pdfTags: false }));
