import t from 'tap';
import { startDriftApp, storedCounts } from './support.js';

const INVALID_CSV: Array<{ name: string; csv: string; url?: string; detail: RegExp }> = [
  { name: 'a CSV without the sample column', csv: 'x,y\n1,2\n', detail: /The CSV has no column "sample"/ },
  { name: 'an unknown sample value', csv: 'sample,x\nreference,1\nnext,2\n', detail: /Data row 2 of the CSV has "next" in column "sample"; use reference or current/ },
  { name: 'an empty CSV', csv: '', detail: /The uploaded CSV is empty; send a header row/ },
  { name: 'rows of unequal length', csv: 'sample,x\nreference,1\ncurrent,2,3\n', detail: /The uploaded CSV could not be parsed: Invalid Record Length/ },
  { name: 'an unclosed quote', csv: 'sample,x\nreference,"1\n', detail: /The uploaded CSV could not be parsed: Quote Not Closed/ },
  { name: 'a duplicate column', csv: 'sample,x,x\nreference,1,2\n', detail: /The uploaded CSV header names "x" twice/ },
  { name: 'an empty column name', csv: 'sample,,x\nreference,1,2\n', detail: /empty name in column 2/ },
  { name: 'no current rows', csv: 'sample,x\nreference,1\nreference,2\n', detail: /Feature "x" has no values in the current sample/ },
  { name: 'a sample column of the wrong name', url: '/drift/reports?sample_column=group', csv: 'sample,x\nreference,1\n', detail: /no column "group"/ },
];

for (const { name, csv, url, detail } of INVALID_CSV) {
  t.test(`createDriftReport rejects ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);
    const before = await storedCounts(api);

    const response = await api.request({ method: 'POST', url: url ?? '/drift/reports', token, payload: csv, headers: { 'content-type': 'text/csv' } });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), before, 'nothing stored');
  });
}
