// Writes the built-in metric names of src/metric-catalogue.ts into schema/scenario.schema.json's
// thresholds (the key pattern and one property each), so editors complete exactly the metrics the
// loader accepts: `npx tsx scripts/sync-schema-metrics.ts` after adding a metric to the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_METRICS } from '../src/metric-catalogue.ts';

const FILE = 'schema/scenario.schema.json';
const schema = JSON.parse(readFileSync(FILE, 'utf8'));
const names = Object.keys(BUILTIN_METRICS);
const thresholds = schema.properties.thresholds;
thresholds.propertyNames.pattern = `^(?:${names.join('|')})(?:\\{[^{}]*\\})?$`;
const properties: Record<string, unknown> = {};
for (const name of names) properties[name] = thresholds.properties?.[name] ?? { $ref: '#/definitions/thresholdList' };
thresholds.properties = properties;
writeFileSync(FILE, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`${FILE}: ${names.length} built-in metrics`);
