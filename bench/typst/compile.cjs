// compile.cjs: what bench/peers runs to time Typst (typst.ts, the npm
// package @myriaddreamin/typst-ts-node-compiler) on the notice.
//
//   node compile.cjs NODE_MODULES TEMPLATE.typ N OUTDIR [EVICT_AGE]
//
// It compiles N variants of the template to PDF in one process, one after
// another, each with the organisation's name, address and dates replaced
// as bench.WriteBatch does for the Markdown batch, writes each PDF to
// OUTDIR, and evicts Typst's memoization cache between documents with
// evictCache(EVICT_AGE) (default 10, the value typst.ts suggests for
// non-watch tools). It prints one JSON line: documents, bytes written,
// CPU and wall milliseconds of the whole process (start-up included).
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, template, nArg, outDir, ageArg] = process.argv.slice(2);
const { NodeCompiler } = require(path.join(path.resolve(modules), '@myriaddreamin', 'typst-ts-node-compiler'));
const n = Number(nArg);
const age = ageArg === undefined ? 10 : Number(ageArg);
const src = fs.readFileSync(template, 'utf8');
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const pad = (v) => String(v).padStart(4, '0');
const compiler = NodeCompiler.create();
let bytes = 0;
for (let org = 1; org <= n; org++) {
  const doc = src
    .replaceAll('Harbour Lane', `Org ${pad(org)}`)
    .replaceAll('harbourlane', `org${pad(org)}`)
    .replaceAll('12 Quay Street', `${org} Quay Street`)
    .replaceAll('2 November 2026', `${1 + (org % 28)} ${months[org % 12]} 2026`);
  const pdf = compiler.pdf({ mainFileContent: doc });
  fs.writeFileSync(path.join(outDir, `notice-${pad(org)}.pdf`), pdf);
  bytes += pdf.length;
  compiler.evictCache(age);
}
const cpu = process.cpuUsage();
console.log(JSON.stringify({ docs: n, bytes, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() }));
