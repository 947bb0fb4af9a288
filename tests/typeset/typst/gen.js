// gen.js -- writes anniversary.typ, dialogue.typ and overview.typ: each a
// shipped briefing (scripts/NAME.lua) as brief lays it out, for brief.typ.
// brief runs the script under dump.lua, which records every document call and
// prints the blocks; the sources list, which brief fills in at save time, is
// read back from the PDF brief wrote in the same run (the sources whose
// "Title. Publisher, Date." stands under its Sources heading, in brief's order).
//
//   make brief && node tests/typeset/typst/gen.js      (from the repository)
//   BRIEF=/path/to/brief node tests/typeset/typst/gen.js   (another build's binary,
//                                   with its own templates and data)
//
// Needs node and pdftotext; nothing from npm. The briefings print today's
// date: brief takes it from $SOURCE_DATE_EPOCH, set here to 29 November 2026
// (the date of the .typ files) unless the environment sets it; sbs.sh does
// the same for the PDFs it compares.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const here = __dirname;
const root = path.resolve(here, '..', '..', '..');
const briefings = [
  { name: 'anniversary', params: ['year=2024'] },
  { name: 'dialogue', params: [] },
  { name: 'overview', params: [] },
];

// data/sources.csv: RFC 4180 fields (quoted fields may hold commas and "").
function csv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const head = rows.shift();
  return rows.map(r => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

// A source as brief's doc:sources() writes it (docs/lua-api.md, doc:sources).
function item(s) {
  const inferred = s.inferred.split('|').includes('date') ? ' (date inferred)' : '';
  return { markup: `*${s.title}.* ${s.publisher}, ${s.date}${inferred}.`,
           plain: `${s.title}. ${s.publisher}, ${s.date}${inferred}.` };
}

const squash = s => s.replace(/\s+/g, ' ').trim();
const typstString = s => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';

const brief = process.env.BRIEF || path.join(root, 'brief');
const sources = csv(fs.readFileSync(path.join(root, 'data', 'sources.csv'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'brief-typst-'));
try {
  fs.copyFileSync(path.join(here, 'dump.lua'), path.join(tmp, 'dump.lua'));
  for (const b of briefings) {
    // named script_NAME: a copy named like a template would be shadowed by it
    fs.copyFileSync(path.join(root, 'scripts', b.name + '.lua'),
                    path.join(tmp, 'script_' + b.name + '.lua'));
    const pdf = path.join(tmp, b.name + '.pdf');
    const args = [path.join(tmp, 'dump.lua'), '-q', '--set', 'script=' + b.name,
                  ...b.params.flatMap(p => ['--set', p]), '-o', pdf];
    let typ = execFileSync(brief, args, { cwd: root, encoding: 'utf8', env: { ...process.env,
      SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH || '1795910400' } });

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const lines = text.split('\n');
    let at = -1;
    lines.forEach((l, i) => { if (/^(\d+\. )?Sources$/.test(l.trim())) at = i; });
    if (at < 0) throw new Error(b.name + ': no Sources heading in brief\'s PDF');
    const tail = squash(lines.slice(at + 1).join(' '));
    // in the order brief lists them
    const used = sources.map(item).map(s => ({ ...s, at: tail.indexOf(squash(s.plain)) }))
      .filter(s => s.at >= 0).sort((a, b) => a.at - b.at);
    if (used.length === 0) throw new Error(b.name + ': no source found under the Sources heading');
    const list = '(\n' + used.map(s => '    ' + typstString(s.markup) + ',\n').join('') + '  )';
    if (!typ.includes('  sources: none,\n')) throw new Error(b.name + ': dump.lua printed no sources placeholder');
    typ = typ.replace('  sources: none,\n', '  sources: ' + list + ',\n');
    fs.writeFileSync(path.join(here, b.name + '.typ'), typ);
    console.log(`${b.name}.typ: ${used.length} sources`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
