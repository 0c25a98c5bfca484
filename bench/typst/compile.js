// compile.js IN.typ OUT.pdf: compiles a Typst document to PDF with typst.ts
// (npm @myriaddreamin/typst-ts-node-compiler), as bench/peers times it
// against `galley convert -t pdf`. NODE_PATH must reach the package
// (bench/run.sh installs it under .task/typst).
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [input, output] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: path.dirname(path.resolve(input)) });
const pdf = compiler.pdf({ mainFileContent: fs.readFileSync(input, 'utf8') });
fs.writeFileSync(output, pdf);
