import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RESULT_SCHEMA_VERSION, type Result } from './types.ts';

/** A result file that cannot be read as this version's Result. */
/** Why a version-1 result cannot be converted: its counts mean something else. */
const OLDER_SEMANTICS =
  ' (version 1 counted each session handshake as an MCP call and mixed failed calls into latency: its figures cannot be converted, so a baseline of that version is no baseline)';

export class ResultFileError extends Error {
  override name = 'ResultFileError';
}

export async function writeResult(file: string, result: Result): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result)}\n`);
}

/** Reads a result file; one of another schema version is refused with a message saying what to do. */
export async function readResult(file: string): Promise<Result> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ResultFileError(`${file}: not a readable mcp-load result (${(err as Error).message})`);
  }
  const version = (value as { schemaVersion?: unknown })?.schemaVersion;
  if (typeof version !== 'number') throw new ResultFileError(`${file}: not an mcp-load result (no schemaVersion)`);
  if (version > RESULT_SCHEMA_VERSION) {
    throw new ResultFileError(`${file}: result schema version ${version} is newer than this mcp-load reads (${RESULT_SCHEMA_VERSION}); upgrade mcp-load`);
  }
  if (version < RESULT_SCHEMA_VERSION) {
    throw new ResultFileError(
      `${file}: result schema version ${version} is older than this mcp-load reads (${RESULT_SCHEMA_VERSION}); re-run the test to get a current result${version === 1 ? OLDER_SEMANTICS : ''}`,
    );
  }
  return value as Result;
}
