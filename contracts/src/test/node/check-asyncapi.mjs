// Parses an AsyncAPI document with the AsyncAPI Initiative's parser (references resolved against the document's
// folder) and prints every error and warning; exit 1 on any error. Usage: node check-asyncapi.mjs <asyncapi.yaml>
import fs from 'fs';
import path from 'path';
import { Parser } from '@asyncapi/parser';

const file = path.resolve(process.argv[2]);
process.chdir(path.dirname(file));
const { document, diagnostics } = await new Parser().parse(fs.readFileSync(file, 'utf8'));
for (const d of diagnostics.filter((d) => d.severity <= 1)) {
  console.log(`${d.severity === 0 ? 'error' : 'warning'} ${d.code}: ${d.message} at ${d.path.join('/')}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
console.log(`${errors} errors; servers: ${document ? document.servers().all().map((s) => s.id()).join(',') : 'none'}`);
process.exit(errors === 0 && document ? 0 : 1);
