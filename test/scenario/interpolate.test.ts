import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate } from '../../src/scenario/interpolate.ts';
import { errorsOf, parse, withScenario } from './support.ts';

describe('interpolate', () => {
  it('replaces ${NAME} with the variable', () => {
    assert.deepEqual(interpolate('Bearer ${TOKEN}', { TOKEN: 'abc' }), { ok: true, value: 'Bearer abc', substitutions: [{ name: 'TOKEN', value: 'abc' }] });
  });

  it('uses the default of ${NAME:-default} when the variable is unset or empty', () => {
    assert.deepEqual(interpolate('${URL:-http://localhost:3000}/mcp', {}), { ok: true, value: 'http://localhost:3000/mcp', substitutions: [] });
    assert.deepEqual(interpolate('${URL:-x}', { URL: '' }), { ok: true, value: 'x', substitutions: [] });
    assert.deepEqual(interpolate('${URL:-x}', { URL: 'y' }), { ok: true, value: 'y', substitutions: [{ name: 'URL', value: 'y' }] });
  });

  it('keeps $${ as a literal ${ and a lone $ as is', () => {
    assert.deepEqual(interpolate('cost $5, literal $${HOME}', { HOME: '/root' }), { ok: true, value: 'cost $5, literal ${HOME}', substitutions: [] });
  });

  it('names every missing variable', () => {
    assert.deepEqual(interpolate('${A}', {}), { ok: false, message: 'environment variable A is not set' });
    assert.deepEqual(interpolate('${A}${B}${A}', {}), { ok: false, message: 'environment variables A, B are not set' });
  });

  it('rejects an unterminated or malformed reference', () => {
    assert.deepEqual(interpolate('${A', {}), { ok: false, message: 'unterminated "${" (write "$${" for a literal "${")' });
    assert.deepEqual(interpolate('${1A}', {}), {
      ok: false,
      message: '"${1A}" is not a variable reference (use ${NAME} or ${NAME:-default})',
    });
  });
});

describe('interpolation in scenario files', () => {
  const flow = 'executor: constant-vus\nduration: 1s\nflow: [ping]';

  it('applies to every string of the document', () => {
    const scenario = parse(`target: \${URL}/mcp\nheaders: { Authorization: "Bearer \${TOKEN}" }\n${withScenario(flow)}`, {
      env: { URL: 'https://preview.example.com', TOKEN: 't0k' },
    });
    assert.equal(scenario.target, 'https://preview.example.com/mcp');
    assert.deepEqual(scenario.headers, { Authorization: 'Bearer t0k' });
  });

  it('reports a missing variable with its name, line and column', () => {
    const text = `target: https://example.com/mcp\nheaders:\n  Authorization: "Bearer \${MCP_TOKEN}"\n${withScenario(flow)}`;
    assert.deepEqual(errorsOf(text), ['scenario.yml:3:18: headers.Authorization: environment variable MCP_TOKEN is not set']);
  });

  it('does not need the variables of a target that is overridden', () => {
    const scenario = parse(`target: \${PREVIEW_URL}/mcp\n${withScenario(flow)}`, { target: 'http://127.0.0.1:9/mcp' });
    assert.equal(scenario.target, 'http://127.0.0.1:9/mcp');
  });
});
