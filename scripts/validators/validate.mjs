// Validates Entraide's standard exports the way their consumers do, and prints one JSON
// line per problem (nothing when all is well). Input (file named in argv[2]):
//   {"schemas": {"name": path}, "documents": [{"schema": name, "label": "...", "value": {...}}],
//    "opening_hours": [{"value": "Sa 09:00-12:00; PH off", "from": "2026-01-01", "to": "2027-12-31",
//                       "openings": [["2026-01-03T09:00", "2026-01-03T12:00"], ...]}]}
// Times are local to Europe/Paris (run with TZ=Europe/Paris).
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import opening_hours from 'opening_hours';

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const problems = [];
const validators = {};
for (const [name, path] of Object.entries(input.schemas || {})) {
  const schema = JSON.parse(fs.readFileSync(path, 'utf8'));
  const draft2020 = (schema.$schema || '').includes('2020-12');
  const ajv = draft2020 ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validators[name] = ajv.compile(schema);
}
for (const doc of input.documents || []) {
  const validate = validators[doc.schema];
  if (!validate(doc.value)) {
    problems.push({ label: doc.label, errors: validate.errors.map(e => `${e.instancePath} ${e.message}`) });
  }
}
const pad = n => String(n).padStart(2, '0');
const local = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const france = { lat: 50.69, lon: 3.17, address: { country_code: 'fr', state: 'Hauts-de-France' } };
for (const oh of input.opening_hours || []) {
  let parsed;
  try {
    parsed = new opening_hours(oh.value, france);
  } catch (e) {
    problems.push({ label: oh.value, errors: [String(e)] });
    continue;
  }
  // A closure already over is worth a warning to a mapper, not an error in our test data.
  const warnings = parsed.getWarnings().filter(w => !w.includes('entirely in the past'));
  if (warnings.length) problems.push({ label: oh.value, errors: warnings });
  const got = parsed.getOpenIntervals(new Date(oh.from + 'T00:00'), new Date(oh.to + 'T23:59'))
    .map(([a, b]) => [local(a), local(b)]);
  const want = oh.openings || [];
  const differ = got.length !== want.length || got.some((g, i) => g[0] !== want[i][0] || g[1] !== want[i][1]);
  if (differ) {
    const first = got.findIndex((g, i) => !want[i] || g[0] !== want[i][0] || g[1] !== want[i][1]);
    problems.push({ label: oh.value, errors: [`openings differ from Entraide's at #${first}: parser ${JSON.stringify(got[first])}, Entraide ${JSON.stringify(want[first])} (${got.length} vs ${want.length})`] });
  }
}
for (const p of problems) console.log(JSON.stringify(p));
process.exit(problems.length ? 1 : 0);
