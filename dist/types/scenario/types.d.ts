import type { ConstantArrivalRateConfig } from './executors/constant-arrival-rate.ts';
import type { ConstantVusConfig } from './executors/constant-vus.ts';
import type { PerVuIterationsConfig } from './executors/per-vu-iterations.ts';
import type { RampingArrivalRateConfig } from './executors/ramping-arrival-rate.ts';
import type { RampingVusConfig } from './executors/ramping-vus.ts';
import type { SharedIterationsConfig } from './executors/shared-iterations.ts';
import type { WorkerMode } from './limits.ts';
/** What a render of templated values can see; `rng` (default Math.random) makes renders reproducible in tests. */
export interface RenderContext {
    vu: number;
    iter: number;
    scenario: string;
    rng?: () => number;
}
/** A template compiled at load time; calling it is the hot path (no parsing, no regex). */
export type Render = (ctx: RenderContext) => unknown;
/** A think-time sampler: milliseconds to wait, drawn with `rng` (uniform on [0, 1)). */
export type Sampler = (rng: () => number) => number;
export type ThinkTime = {
    kind: 'constant';
    ms: number;
} | {
    kind: 'uniform';
    minMs: number;
    maxMs: number;
} | {
    kind: 'exponential';
    meanMs: number;
};
/** What a check looks at after a step; `error` is any failure class (transport, JSON-RPC, `isError`). */
export interface CheckInput {
    error: boolean;
    result: unknown;
    durationMs: number;
}
/** One named check of a step; `name` is the `check` tag of the `checks` metric. */
export interface StepCheck {
    kind: 'notError' | 'notEmpty' | 'contains' | 'jsonPath' | 'durationUnder';
    name: string;
    test: (input: CheckInput) => boolean;
}
interface StepBase {
    /** The step's `name` tag; defaults to the tool, resource, prompt or method it uses. */
    name: string;
    checks: readonly StepCheck[];
}
export type FlowStep = (StepBase & {
    kind: 'initialize';
}) | (StepBase & {
    kind: 'list';
    what: 'tools' | 'resources' | 'prompts';
})
/** `args` is the source as written (before `${ENV}` interpolation), for echoes; `render` builds the call's arguments. */
 | (StepBase & {
    kind: 'call';
    tool: string;
    args: unknown;
    render: Render;
}) | (StepBase & {
    kind: 'read';
    uri: string;
    render: (ctx: RenderContext) => string;
})
/** Prompt arguments render to strings, as MCP requires. */
 | (StepBase & {
    kind: 'prompt';
    prompt: string;
    args: unknown;
    render: (ctx: RenderContext) => Record<string, string>;
}) | (StepBase & {
    kind: 'ping';
}) | {
    kind: 'think';
    name: string;
    think: ThinkTime;
    sample: Sampler;
};
export type StepKind = FlowStep['kind'];
export interface Stage {
    durationMs: number;
    target: number;
}
/** Executor options with k6's names and defaults, durations in milliseconds; each defined in its module in executors/. */
export type ExecutorConfig = ConstantVusConfig | RampingVusConfig | PerVuIterationsConfig | SharedIterationsConfig | ConstantArrivalRateConfig | RampingArrivalRateConfig;
export type ExecutorName = ExecutorConfig['executor'];
/** One entry of `scenarios:` (k6's name for a workload): an executor and the flow each VU repeats. */
export type ScenarioSpec = ExecutorConfig & {
    name: string;
    startTimeMs: number;
    gracefulStopMs: number;
    /** per-vu: one MCP session per VU, kept warm; per-iteration: a fresh session every iteration. */
    session: 'per-vu' | 'per-iteration';
    flow: readonly FlowStep[];
    tags: Readonly<Record<string, string>>;
};
export type ThresholdAggregation = {
    kind: 'p';
    p: number;
} | {
    kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value';
};
export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '===' | '!=';
/** One k6 threshold, e.g. `mcp_call_duration{tool:send_sms}: p(95)<200`; durations compare in milliseconds. */
export interface ThresholdSpec {
    metric: string;
    tags: Record<string, string>;
    /** The key as written, e.g. `mcp_call_duration{tool:send_sms}`. */
    key: string;
    /** The expression as written, e.g. `p(95)<200`. */
    source: string;
    aggregation: ThresholdAggregation;
    op: ThresholdOperator;
    value: number;
    abortOnFail: boolean;
    delayAbortEvalMs: number;
    /** Part of the default health gate, not written in the scenario. */
    default?: true;
}
/** A data set loaded at load time: CSV rows as objects keyed by the header, or a JSON array's elements. */
export interface DataSet {
    /** The path as written in the scenario (relative to the scenario file). */
    file: string;
    rows: readonly unknown[];
}
export type Transport = 'auto' | 'streamable-http' | 'sse';
/** One OAuth client; the secret never reaches an echo, a result or a log. */
export interface ClientIdentitySpec {
    clientId: string;
    /** Exactly one of clientSecret and privateKey (PEM, for private_key_jwt). */
    clientSecret?: string;
    privateKey?: string;
    signingAlgorithm?: 'ES256' | 'ES384' | 'RS256' | 'PS256' | 'EdDSA';
    scope?: string;
}
/** `auth:` — OAuth 2.1 client credentials; unset URLs are discovered from the target (RFC 9728, RFC 8414). */
export interface AuthSpec {
    /** One, or one per row of a data set; virtual users take them in turn. */
    identities: readonly ClientIdentitySpec[];
    tokenEndpoint?: string;
    issuer?: string;
    resource?: string;
    scope?: string;
    tokenEndpointAuth?: 'client_secret_basic' | 'client_secret_post';
}
/** What an echo says of `auth:`: the settings and client ids, never a secret. */
export type AuthEcho = Omit<AuthSpec, 'identities'> & {
    clientIds: string[];
};
/** Canned answers to requests the server sends the client (YAML `replies:`). */
export interface ServerReplies {
    /** The result of `sampling/createMessage`. */
    sampling?: Record<string, unknown>;
    /** The result of `elicitation/create`: `{ action, content }`; the requested schema's defaults fill what `content` leaves out. */
    elicitation?: Record<string, unknown>;
    /** The roots `roots/list` answers. */
    roots?: Array<{
        uri: string;
        name?: string;
    }>;
}
/** How the wire client behaves beyond the transport (top-level YAML keys). */
export interface ClientSettings {
    /** `auto` probes for 2026-07-28 and falls back to the 2025 line; a version pins either leg. */
    protocolVersion: string;
    /** Open the GET stream of each session for server-initiated messages (default: when `replies` are set). */
    stream: boolean;
    /** Ask for progress notifications on tool calls. */
    progress: boolean;
    replies: ServerReplies;
    /** How long an SSE reply may stay open after its response before mcp-load closes it. */
    replyGraceMs: number;
    /** 2026-07-28: re-issue once (new id) a request whose reply stream broke before its response. */
    reissue: boolean;
    /** W3C traceparent on every tool call (`_meta` and header); `sample` is the fraction marked sampled. Absent: off. */
    trace?: {
        sample: number;
    };
    /** Where responses name the instance that served them: `auto` (the common headers), a header, a cookie, or `off`. */
    instance: 'auto' | 'off' | {
        header: string;
    } | {
        cookie: string;
    };
    /** A cookie jar per session (balancer stickiness); `cookies: false` turns it off. */
    cookies: boolean;
}
/**
 * A moment of the run to mark (`events:`), and maybe a command to run then on the runner: a
 * `shell` string through /bin/sh -c, or an `argv` list without a shell.
 */
export interface EventSpec {
    name: string;
    /** Since the run's start (warm-up included). */
    atMs: number;
    run?: {
        shell: string;
    } | {
        argv: string[];
    };
    /** The command's process group is killed after this long. */
    timeoutMs: number;
}
/** What a scenario was parsed from: its file's text and each data file it read, by absolute path. */
export interface ScenarioText {
    text: string;
    dataFiles: Readonly<Record<string, string>>;
}
/** A scenario file, validated, with every default applied and every duration in milliseconds. */
export interface Scenario {
    /** The scenario file's path as given to the loader. */
    file: string;
    /** The file's basename without extension, slugified: `examples/Seed Run.yml` → `seed-run`. */
    id: string;
    /** sha256 (hex) of the echo without file, id and target: equal for the same workload against any target. */
    hash: string;
    /** Undefined means the embedded demo server. */
    target: string | undefined;
    transport: Transport;
    /** Secrets live here; `toEcho()` replaces the values with "***". */
    headers: Readonly<Record<string, string>>;
    /** Headers whose values hold `{{templates}}`, rendered once per session (e.g. a VU's own token); echoed as "***". */
    headerTemplates: Readonly<Record<string, Render>>;
    /** OAuth client credentials; absent without `auth:`. */
    auth?: AuthSpec;
    /** Per-request deadline. */
    timeoutMs: number;
    /** How long the warm sessions' DELETEs may take, all together, after the load (`teardownTimeout`, default `timeout`). */
    teardownTimeoutMs: number;
    /** `keepAlive`: idle lifetime of a kept-alive connection; absent, `defaultKeepAliveMs` of the flows. */
    keepAliveMs?: number;
    /** The wire client's settings (protocolVersion, stream, progress, replies, replyGrace). */
    client: ClientSettings;
    /** The reply-size cap (`maxResponseSize`); undefined: the wire client's default, 4 MiB. */
    maxResponseBytes?: number;
    /** How long to wait for the target to become ready before the run; 0 means do not wait. */
    wait: {
        timeoutMs: number;
    };
    warmupMs: number;
    data: Readonly<Record<string, DataSet>>;
    scenarios: readonly ScenarioSpec[];
    thresholds: readonly ThresholdSpec[];
    /** Reserved for the compare step; free-form. */
    regression: Readonly<Record<string, unknown>>;
    /** `events:`, by time; absent or empty: none. */
    events?: readonly EventSpec[];
    /** Worker threads to run the load in (`workers:`); `--workers` and the action's input win over it. Not part of the workload's hash. */
    workers?: number;
    /** `workers: { mode }`: threads or child processes; absent, chosen at run time (threads unless the descriptors need processes). Not hashed. */
    workerMode?: WorkerMode;
    /** The bytes it was parsed from, read once: workers parse these, not the files again (which may have changed since). */
    source: ScenarioText;
    /** The scenario as plain JSON for results and reports: header values "***", no functions, no data rows. */
    toEcho(): ScenarioEcho;
}
export type StepEcho = {
    kind: 'think';
    name: string;
    think: ThinkTime;
} | {
    kind: Exclude<StepKind, 'think'>;
    name: string;
    checks: string[];
    [detail: string]: unknown;
};
/** `Omit` that keeps a union a union, so an echo still narrows by `executor`. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ScenarioSpecEcho = DistributiveOmit<ScenarioSpec, 'flow'> & {
    flow: StepEcho[];
};
export interface ScenarioEcho {
    file: string;
    id: string;
    hash: string;
    target: string | null;
    transport: Transport;
    headers: Record<string, string>;
    auth?: AuthEcho;
    timeoutMs: number;
    /** Only when the scenario sets `keepAlive`. */
    keepAliveMs?: number;
    /** Only the client settings that differ from the defaults; absent when none do. */
    client?: Partial<ClientSettings>;
    wait: {
        timeoutMs: number;
    };
    warmupMs: number;
    data: Record<string, {
        file: string;
        rows: number;
    }>;
    scenarios: ScenarioSpecEcho[];
    thresholds: ThresholdSpec[];
    regression: Record<string, unknown>;
    /** Commands as written, secrets redacted; absent without `events:`. */
    events?: EventSpec[];
}
export {};
