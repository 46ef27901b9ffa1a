import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError, parseCsv, parseDataSet } from '../../src/scenario/data.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { errorsOf, withScenario } from './support.ts';

describe('CSV data', () => {
  it('turns rows into objects keyed by the header', () => {
    assert.deepEqual(parseCsv('name,phone\nada,+4412\nbob,+4413\n'), [
      { name: 'ada', phone: '+4412' },
      { name: 'bob', phone: '+4413' },
    ]);
  });

  it('handles quotes, escaped quotes, commas and line breaks in fields, CRLF, a BOM and blank lines', () => {
    assert.deepEqual(parseCsv('\uFEFFname,note\r\n"Smith, J","said ""hi""\nthen left"\r\n\r\nbob,\r\n'), [
      { name: 'Smith, J', note: 'said "hi"\nthen left' },
      { name: 'bob', note: '' },
    ]);
  });

  it('rejects ragged rows with their line number', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n3\n'), new DataError('line 3: expected 2 fields, found 1'));
  });

  it('rejects empty files, header-only files, duplicate columns and unclosed quotes', () => {
    assert.throws(() => parseCsv(''), new DataError('the CSV file is empty'));
    assert.throws(() => parseCsv('a,b\n'), new DataError('the CSV file has a header but no rows'));
    assert.throws(() => parseCsv('a,a\n1,2'), new DataError('line 1: column "a" appears twice'));
    assert.throws(() => parseCsv('a\n"open\n'), new DataError('line 2: a quoted field is not closed'));
  });
});

describe('JSON data', () => {
  it('is a non-empty array of anything', () => {
    assert.deepEqual(parseDataSet('[{"id": 1}, "two", 3]', 'rows.json'), [{ id: 1 }, 'two', 3]);
    assert.throws(() => parseDataSet('{"id": 1}', 'rows.json'), new DataError('a JSON data file must hold an array'));
    assert.throws(() => parseDataSet('[]', 'rows.json'), new DataError('the array is empty'));
  });

  it('other extensions are refused', () => {
    assert.throws(() => parseDataSet('x', 'rows.txt'), new DataError('data files must be .csv or .json'));
  });
});

describe('data sets in scenario files', () => {
  const files: Record<string, string> = {
    '/scenarios/users.csv': 'name,phone\nada,111\nbob,222\n',
    '/scenarios/data/ids.json': '[10, 20, 30]',
  };
  const readFile = (path: string) => {
    if (path in files) return files[path];
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  };
  const flow = 'executor: constant-vus\nduration: 1s\nflow:\n  - call: lookup\n    args: { phone: "{{pick data.users \\"phone\\"}}", id: "{{pick data.ids}}" }';

  it('load relative to the scenario file and feed pick', () => {
    const scenario = parseScenario(`data: { users: users.csv, ids: data/ids.json }\n${withScenario(flow)}`, '/scenarios/load.yml', {
      env: {},
      readFile,
    });
    assert.deepEqual(scenario.data, {
      users: {
        file: 'users.csv',
        rows: [
          { name: 'ada', phone: '111' },
          { name: 'bob', phone: '222' },
        ],
      },
      ids: { file: 'data/ids.json', rows: [10, 20, 30] },
    });
    const step = scenario.scenarios[0].flow[0];
    assert.ok(step.kind === 'call');
    assert.deepEqual(step.render({ vu: 1, iter: 0, scenario: 's', rng: () => 0.7 }), { phone: '222', id: 30 });
    assert.deepEqual(scenario.toEcho().data, { users: { file: 'users.csv', rows: 2 }, ids: { file: 'data/ids.json', rows: 3 } });
  });

  it('report a missing file, a wrong extension or bad content at the data entry', () => {
    const text = `data:\n  users: missing.csv\n  notes: notes.txt\n  ids: ids.json\n${withScenario('executor: constant-vus\nduration: 1s\nflow: [ping]')}`;
    const read = (path: string) => (path.endsWith('ids.json') ? '{}' : readFile(path));
    assert.deepEqual(errorsOf(text, { readFile: read }), [
      'scenario.yml:2:10: data.users: missing.csv: no such file (paths are relative to the scenario file)',
      'scenario.yml:3:10: data.notes: notes.txt: data files must be .csv or .json',
      'scenario.yml:4:8: data.ids: ids.json: a JSON data file must hold an array',
    ]);
  });

  it('pick of an undeclared data set is a load-time error', () => {
    const text = withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - read: "users://{{pick data.users}}"');
    assert.deepEqual(errorsOf(text), [
      'scenario.yml:6:15: scenarios.s.flow[0].read: no data set "users": declare it under data: (e.g. data: { users: users.csv })',
    ]);
  });
});
