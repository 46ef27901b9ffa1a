// `auth:` and templated headers as the scenario loader reads them.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadScenario } from '../../src/scenario/index.ts';
import { redactSecrets } from '../../src/secrets/index.ts';
import { errorsOf, parse, withScenario } from '../scenario/support.ts';

const FLOW = withScenario('executor: constant-vus\nduration: 10s\nflow: [ping]');
const CLIENTS_CSV = 'clientId,clientSecret,scope\nload-a,secret-a,tools\nload-b,secret-b,\n';
const readFile = (path: string): string => {
  if (path.endsWith('clients.csv')) return CLIENTS_CSV;
  if (path.endsWith('tokens.json')) return JSON.stringify([{ token: 'pre-1' }, { token: 'pre-2' }]);
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};

describe('auth: in a scenario', () => {
  it('reads one client with its secret from the environment, and echoes the client id but never the secret', () => {
    const scenario = parse(`auth:\n  clientId: load-a\n  clientSecret: \${SECRET}\n  scope: "tools:call"\n  tokenEndpointAuth: client_secret_post\n${FLOW}`, {
      env: { SECRET: 'from-env' },
    });
    assert.deepEqual(scenario.auth, {
      identities: [{ clientId: 'load-a', clientSecret: 'from-env' }],
      scope: 'tools:call',
      tokenEndpointAuth: 'client_secret_post',
    });
    const echo = JSON.stringify(scenario.toEcho());
    assert.match(echo, /"auth":\{"scope":"tools:call","tokenEndpointAuth":"client_secret_post","clientIds":\["load-a"\]\}/);
    assert.equal(echo.includes('from-env'), false);
  });

  it('reads one identity per data-set row, with the row’s own scope where it has one', () => {
    const scenario = parse(`data:\n  clients: clients.csv\nauth:\n  identities: data.clients\n  tokenEndpoint: https://as.example/token\n${FLOW}`, {
      readFile,
    });
    assert.deepEqual(scenario.auth, {
      identities: [
        { clientId: 'load-a', clientSecret: 'secret-a', scope: 'tools' },
        { clientId: 'load-b', clientSecret: 'secret-b' },
      ],
      tokenEndpoint: 'https://as.example/token',
    });
    // Secrets from a data set are registered for redaction like those from ${VARS}.
    assert.equal(redactSecrets('secret-a, secret-b'), '***, ***');
  });

  it('refuses mixed or missing identities, unknown keys, bad URLs and a preset Authorization header, with lines', () => {
    assert.deepEqual(errorsOf(`auth:\n  clientId: a\n  clientSecret: s\n  identities: data.nope\n  tokenUrl: x\n${FLOW}`), [
      'scenario.yml:4:15: auth.identities: give either identities or clientId and clientSecret, not both',
      'scenario.yml:4:15: auth.identities: no data set named "nope" (define it under data:)',
      'scenario.yml:5:3: auth.tokenUrl: unknown key; allowed: clientId, clientSecret, privateKey, signingAlgorithm, scope, identities, tokenEndpoint, issuer, resource, tokenEndpointAuth',
    ]);
    assert.deepEqual(errorsOf(`auth:\n  clientId: a\n  issuer: ftp://as\n${FLOW}`), [
      'scenario.yml:1:1: auth.clientSecret: required (e.g. clientSecret: ${MCP_CLIENT_SECRET}, or privateKey: ${MCP_CLIENT_KEY_PEM})',
      'scenario.yml:3:11: auth.issuer: "ftp://as" is not an http(s) URL',
    ]);
    assert.deepEqual(errorsOf(`headers:\n  Authorization: Bearer x\nauth:\n  clientId: a\n  clientSecret: s\n${FLOW}`), [
      'scenario.yml:2:3: headers.Authorization: auth: sets the Authorization header from its tokens; remove this header or auth:',
    ]);
  });
});

describe('examples/oauth.yml', () => {
  it('loads: two identities from its clients.csv, dealt to VUs in turn', async () => {
    const scenario = await loadScenario('examples/oauth.yml', { target: 'https://mcp.example.com/mcp' });
    assert.deepEqual(scenario.toEcho().auth, { clientIds: ['load-client-1', 'load-client-2'] });
  });
});

describe('auth: with a private key (private_key_jwt)', () => {
  it('reads the PEM and the algorithm, refuses a key that does not parse without quoting it, and never echoes it', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const scenario = parse(`auth:\n  clientId: jwt-client\n  privateKey: \${KEY}\n  signingAlgorithm: ES256\n${FLOW}`, { env: { KEY: pem } });
    assert.deepEqual(scenario.auth?.identities, [{ clientId: 'jwt-client', privateKey: pem, signingAlgorithm: 'ES256' }]);
    assert.equal(JSON.stringify(scenario.toEcho()).includes('PRIVATE KEY'), false);
    assert.deepEqual(errorsOf(`auth:\n  clientId: jwt-client\n  privateKey: not-a-key-abc\n${FLOW}`), [
      'scenario.yml:3:15: auth.privateKey: not a PEM private key (e.g. -----BEGIN PRIVATE KEY----- …, PKCS #8)',
    ]);
  });
});

describe('templated headers', () => {
  it('render once per session from the VU and data sets; constant headers stay constant; both echo as ***', () => {
    const scenario = parse(
      `data:\n  tokens: tokens.json\nheaders:\n  Authorization: 'Bearer {{pick data.tokens "token"}}'\n  X-Vu: "vu-{{vu}}"\n  X-Static: plain\n${FLOW}`,
      {
        readFile,
      },
    );
    assert.deepEqual(scenario.headers, { 'X-Static': 'plain' });
    assert.equal(scenario.headerTemplates['X-Vu']({ vu: 7, iter: 0, scenario: 's' }), 'vu-7');
    assert.equal(scenario.headerTemplates.Authorization({ vu: 1, iter: 0, scenario: 's', rng: () => 0.99 }), 'Bearer pre-2');
    assert.deepEqual(scenario.toEcho().headers, { 'X-Static': '***', Authorization: '***', 'X-Vu': '***' });
  });

  it('a template error names the header and its line', () => {
    const [line] = errorsOf(`headers:\n  X-Id: "{{nope}}"\n${FLOW}`);
    assert.match(line, /^scenario\.yml:2:\d+: headers\.X-Id: .*nope/);
  });
});
