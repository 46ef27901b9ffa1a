# Reads a JUnit XML file with junitparser (Debian python3-junitparser), a JUnit reader CI tools use,
# and prints its suites and cases as JSON for test/outputs/junit.test.ts.
import json, sys
from junitparser import JUnitXml, Failure, Skipped, Error
xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        outcome = 'passed'
        message = None
        for r in case.result:
            if isinstance(r, Failure): outcome, message = 'failure', r.message
            elif isinstance(r, Skipped): outcome, message = 'skipped', r.message
            elif isinstance(r, Error): outcome, message = 'error', r.message
        cases.append({'name': case.name, 'outcome': outcome, 'message': message})
    suites.append({'name': suite.name, 'tests': suite.tests, 'failures': suite.failures, 'skipped': suite.skipped, 'cases': cases})
print(json.dumps(suites))
