import { extname } from 'node:path';

export class DataError extends Error {
  override readonly name = 'DataError';
}

export function isDataFile(file: string): boolean {
  return ['.csv', '.json'].includes(extname(file).toLowerCase());
}

/** Rows of a CSV (objects keyed by the header row) or JSON (a non-empty array) file. Throws DataError. */
export function parseDataSet(text: string, file: string): unknown[] {
  if (!isDataFile(file)) throw new DataError('data files must be .csv or .json');
  return extname(file).toLowerCase() === '.csv' ? parseCsv(text) : parseJsonRows(text);
}

function parseJsonRows(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new DataError('a JSON data file must hold an array');
  if (value.length === 0) throw new DataError('the array is empty');
  return value;
}

/**
 * RFC 4180 CSV: a header row, then one object per row; quoted fields may hold commas, quotes ("")
 * and line breaks; blank lines are skipped; every row must have as many fields as the header.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const records = readCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records.shift();
  if (!header) throw new DataError('the CSV file is empty');
  const names = header.fields.map((name) => name.trim());
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new DataError(`line ${header.line}: column "${duplicate}" appears twice`);
  if (records.length === 0) throw new DataError('the CSV file has a header but no rows');
  return records.map(({ fields, line }) => {
    if (fields.length !== names.length) {
      throw new DataError(`line ${line}: expected ${names.length} fields, found ${fields.length}`);
    }
    const row: Record<string, string> = {};
    names.forEach((name, index) => Object.defineProperty(row, name, { value: fields[index], enumerable: true, writable: true }));
    return row;
  });
}

interface CsvRecord {
  fields: string[];
  line: number;
}

function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let blank = true;
  const endRecord = () => {
    if (!blank) records.push({ fields: [...fields, field], line: recordLine });
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      blank = false;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      blank = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
      blank = false;
    }
  }
  if (quoted) throw new DataError(`line ${recordLine}: a quoted field is not closed`);
  endRecord();
  return records;
}
