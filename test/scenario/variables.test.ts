import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionVariablePolicy, cliVariablePolicy } from '../../src/scenario/index.ts';
import { errorsOf, parse } from './support.ts';

const withHeader = (value: string): string =>
  `target: http://127.0.0.1:3000/mcp\nheaders: { Authorization: "${value}" }\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{ ping: {} }]\n`;
const runnerEnv = {
  GITHUB_TOKEN: 'ghs_runner_token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  INPUT_GITHUB_TOKEN: 'ghs_input_token',
  MCP_TOKEN: 'mcp-token-1',
  OTHER: 'other-value',
};

describe('${NAME} reads only what it is meant to', () => {
  it('never GITHUB_TOKEN, ACTIONS_* or INPUT_*, even with a default, by default (the library) and in the CLI', () => {
    for (const name of ['GITHUB_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'INPUT_GITHUB_TOKEN']) {
      for (const reference of [`\${${name}}`, `\${${name}:-x}`]) {
        const [line] = errorsOf(withHeader(`Bearer ${reference}`), { env: runnerEnv, variables: cliVariablePolicy([]) });
        assert.equal(
          line,
          `scenario.yml:2:27: headers.Authorization: \${${name}} is never read by a scenario (GITHUB_TOKEN, ACTIONS_* and INPUT_* are the runner's); hand the server's credential over under a name of its own; to read it all the same, pass --allow-env NAME`,
        );
        assert.match(errorsOf(withHeader(`Bearer ${reference}`), { env: runnerEnv })[0], /is never read by a scenario/);
      }
    }
  });

  it('the CLI reads a never-read variable that --allow-env names, and any other variable', () => {
    assert.equal(
      parse(withHeader('Bearer ${GITHUB_TOKEN}'), { env: runnerEnv, variables: cliVariablePolicy(['GITHUB_TOKEN']) }).headers.Authorization,
      'Bearer ghs_runner_token',
    );
    assert.equal(parse(withHeader('Bearer ${OTHER}'), { env: runnerEnv, variables: cliVariablePolicy([]) }).headers.Authorization, 'Bearer other-value');
  });

  it("the action reads only the variables its `variables` input names, and never the runner's even when named", () => {
    const policy = actionVariablePolicy(['MCP_TOKEN', 'GITHUB_TOKEN']);
    assert.equal(parse(withHeader('Bearer ${MCP_TOKEN}'), { env: runnerEnv, variables: policy }).headers.Authorization, 'Bearer mcp-token-1');
    assert.deepEqual(errorsOf(withHeader('Bearer ${OTHER}'), { env: runnerEnv, variables: policy }), [
      'scenario.yml:2:27: headers.Authorization: ${OTHER} is not handed to the scenario; list it in the action\'s `variables` input and set it in the step\'s `env:` (see docs/action.md, "Security")',
    ]);
    assert.match(errorsOf(withHeader('Bearer ${GITHUB_TOKEN}'), { env: runnerEnv, variables: policy })[0], /\$\{GITHUB_TOKEN\} is never read by a scenario/);
  });
});

describe('auth settings are secrets', () => {
  it('credential fields under auth: are registered for redaction even when written out, and interpolated ones too', async () => {
    const { redactSecrets } = await import('../../src/secrets/index.ts');
    const text =
      'auth:\n  clientId: my-client\n  clientSecret: literal-client-secret-77\n  token: "${AUTH_TOKEN}"\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{ ping: {} }]\n';
    try {
      parse(text, { env: { AUTH_TOKEN: 'interpolated-auth-token-88' } });
    } catch {
      // `auth:` is read by the OAuth support; what matters here is what was registered on the way.
    }
    assert.equal(redactSecrets('literal-client-secret-77 interpolated-auth-token-88 my-client'), '*** *** my-client');
  });
});
