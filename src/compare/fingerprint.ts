import type { Result } from '../results/index.ts';
import type { Fingerprint } from './types.ts';

/** Same workload (and slice of it), same mcp-load major.minor, same kind of runner: only then are latencies comparable. */
export function fingerprint(result: Result): Fingerprint {
  const out: Fingerprint = {
    scenarioHash: result.scenario.hash,
    version: majorMinor(result.tool.version),
    os: result.environment.os,
    arch: result.environment.arch,
    cpus: result.environment.cpus,
  };
  if (result.shard) out.shard = `${result.shard.index}/${result.shard.count}`;
  return out;
}

/** What differs between two fingerprints, in words; undefined when they match. */
export function fingerprintMismatch(current: Fingerprint, baseline: Fingerprint): string | undefined {
  const differences: string[] = [];
  if (current.scenarioHash !== baseline.scenarioHash) {
    differences.push(`scenario ${short(baseline.scenarioHash)} → ${short(current.scenarioHash)}`);
  }
  const slice = (f: Fingerprint): string => (f.shard === undefined ? 'the whole load' : `shard ${f.shard}`);
  if (slice(current) !== slice(baseline)) differences.push(`${slice(baseline)} → ${slice(current)}`);
  if (current.version !== baseline.version) differences.push(`mcp-load ${baseline.version} → ${current.version}`);
  const runner = (f: Fingerprint) => `${f.os}/${f.arch}, ${f.cpus} CPUs`;
  if (runner(current) !== runner(baseline)) differences.push(`runner ${runner(baseline)} → ${runner(current)}`);
  return differences.length === 0 ? undefined : `baseline differs: ${differences.join('; ')}`;
}

function majorMinor(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return `${major}.${minor}`;
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
