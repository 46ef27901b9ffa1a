import { SUPPORTED_PROTOCOL_VERSIONS } from '../protocol-versions.ts';
import { show } from './errors.ts';
import { MapReader } from './fields.ts';
import type { ClientSettings, ServerReplies } from './types.ts';

/** Top-level keys that configure the wire client (see ClientSettings). */
export const CLIENT_KEYS = ['protocolVersion', 'stream', 'progress', 'replies', 'replyGrace', 'reissue', 'trace', 'instance', 'cookies'] as const;
const INSTANCE_KEYS = ['header', 'cookie'] as const;
/** An HTTP token (RFC 9110 §5.6.2): what a header or cookie name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TRACE_KEYS = ['propagate', 'sample'] as const;
export const DEFAULT_TRACE_SAMPLE = 0.01;
export const REPLY_KEYS = ['sampling', 'elicitation', 'roots'] as const;
const ELICITATION_ACTIONS = ['accept', 'decline', 'cancel'] as const;
const ROOT_KEYS = ['uri', 'name'];

export const DEFAULT_REPLY_GRACE_MS = 250;
const MAX_REPLY_GRACE_MS = 60_000;

export function readClientSettings(r: MapReader): ClientSettings {
  const protocolVersion = r.oneOf('protocolVersion', ['auto', ...SUPPORTED_PROTOCOL_VERSIONS], 'auto');
  const replies = readReplies(r);
  const hasReplies = Object.keys(replies).length > 0;
  return {
    protocolVersion,
    // Server requests come on the GET stream as often as in reply streams: replies imply a stream.
    stream: r.boolean('stream', hasReplies),
    progress: r.boolean('progress', false),
    replies,
    replyGraceMs: r.duration('replyGrace', { default: DEFAULT_REPLY_GRACE_MS, positive: true, max: MAX_REPLY_GRACE_MS }),
    reissue: r.boolean('reissue', false),
    trace: readTrace(r),
    instance: readInstance(r),
    cookies: r.boolean('cookies', true),
  };
}

/** `instance: { header: X-Served-By }` or `{ cookie: SERVERID }`; `false` turns attribution off; absent: the common headers. */
function readInstance(parent: MapReader): ClientSettings['instance'] {
  if (!parent.has('instance')) return 'auto';
  const value = parent.get('instance');
  if (value === false) return 'off';
  const r = MapReader.open(value, parent.at('instance'), parent.issues);
  if (!r) return 'auto';
  r.allowOnly(INSTANCE_KEYS);
  const given = INSTANCE_KEYS.filter((k) => r.has(k));
  if (given.length !== 1) {
    r.issues.add(
      parent.at('instance'),
      'needs exactly one of header (e.g. { header: X-Served-By }) or cookie (e.g. { cookie: SERVERID }), or false to turn it off',
    );
    return 'auto';
  }
  const key = given[0];
  const name = r.string(key, { hint: key === 'header' ? 'e.g. X-Served-By' : 'e.g. SERVERID' });
  if (!TOKEN.test(name)) {
    r.issues.add(r.at(key), `${show(name)} is not a ${key} name`);
    return 'auto';
  }
  return key === 'header' ? { header: name } : { cookie: name };
}

/** `trace: { propagate: true, sample: 0.01 }`: W3C traceparent on tool calls; absent or not propagated: off. */
function readTrace(parent: MapReader): ClientSettings['trace'] {
  if (!parent.has('trace')) return undefined;
  const r = MapReader.open(parent.get('trace'), parent.at('trace'), parent.issues);
  if (!r) return undefined;
  r.allowOnly(TRACE_KEYS);
  const propagate = r.boolean('propagate', true);
  let sample = DEFAULT_TRACE_SAMPLE;
  if (r.has('sample')) {
    const value = r.number('sample');
    if (typeof value === 'number' && value >= 0 && value <= 1) sample = value;
    else r.issues.add(r.at('sample'), `must be a fraction from 0 to 1 (e.g. 0.01 for 1 % of calls), got ${show(value)}`);
  }
  return propagate ? { sample } : undefined;
}

function readReplies(parent: MapReader): ServerReplies {
  if (!parent.has('replies')) return {};
  const r = MapReader.open(parent.get('replies'), parent.at('replies'), parent.issues);
  if (!r) return {};
  r.allowOnly(REPLY_KEYS);
  const replies: ServerReplies = {};
  if (r.has('sampling')) {
    const sampling = MapReader.open(r.get('sampling'), r.at('sampling'), r.issues);
    if (sampling) replies.sampling = structuredClone(sampling.value);
  }
  if (r.has('elicitation')) {
    const elicitation = MapReader.open(r.get('elicitation'), r.at('elicitation'), r.issues);
    if (elicitation) {
      elicitation.allowOnly(['action', 'content']);
      const action = elicitation.oneOf('action', ELICITATION_ACTIONS, 'accept');
      const reply: Record<string, unknown> = { action };
      if (elicitation.has('content')) {
        const content = MapReader.open(elicitation.get('content'), elicitation.at('content'), r.issues);
        if (content) reply.content = structuredClone(content.value);
      }
      replies.elicitation = reply;
    }
  }
  if (r.has('roots')) {
    const list = r.get('roots');
    if (!Array.isArray(list)) r.issues.add(r.at('roots'), `must be a list of { uri, name }, got ${show(list)}`);
    else {
      replies.roots = [];
      list.forEach((item, i) => {
        const root = MapReader.open(item, [...r.at('roots'), i], r.issues);
        if (!root) return;
        root.allowOnly(ROOT_KEYS);
        const uri = root.string('uri', { hint: 'e.g. file:///workspace' });
        if (uri && !/^[a-z][a-z0-9+.-]*:/i.test(uri)) r.issues.add(root.at('uri'), `${show(uri)} is not a URI (e.g. file:///workspace)`);
        replies.roots!.push(root.has('name') ? { uri, name: root.string('name') } : { uri });
      });
    }
  }
  return replies;
}

/** The settings that differ from the defaults, for the echo: a scenario without them keeps its hash. */
export function echoClientSettings(client: ClientSettings): Partial<ClientSettings> | undefined {
  const echo: Partial<ClientSettings> = {};
  if (client.protocolVersion !== 'auto') echo.protocolVersion = client.protocolVersion;
  if (client.stream !== Object.keys(client.replies).length > 0) echo.stream = client.stream;
  if (client.progress) echo.progress = true;
  if (Object.keys(client.replies).length > 0) echo.replies = structuredClone(client.replies);
  if (client.replyGraceMs !== DEFAULT_REPLY_GRACE_MS) echo.replyGraceMs = client.replyGraceMs;
  if (client.reissue) echo.reissue = true;
  if (client.trace) echo.trace = { ...client.trace };
  if (client.instance !== 'auto') echo.instance = typeof client.instance === 'string' ? client.instance : { ...client.instance };
  if (!client.cookies) echo.cookies = false;
  return Object.keys(echo).length > 0 ? echo : undefined;
}
