// A node:test reporter for `MCP_LOAD_TEST_RECORD=1 npm test` (scripts/test.mjs): one line per
// top-level test, its file and milliseconds, which scripts/test.mjs sums per file into test/durations.json.
export default async function* durations(source) {
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      yield `${JSON.stringify({ file: event.data.file, ms: event.data.details?.duration_ms ?? 0 })}\n`;
    }
  }
}
