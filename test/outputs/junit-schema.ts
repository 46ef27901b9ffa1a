import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A schema of the JUnit XML format CI reporters read, written for these tests (see its header). */
export const JUNIT_XSD = fileURLToPath(new URL('./fixtures/junit.xsd', import.meta.url));

/** Throws with xmllint's complaint unless FILE is well-formed and valid against the JUnit schema. */
export function assertValidJunit(file: string): void {
  try {
    execFileSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`${file} is not valid JUnit XML:\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
}
