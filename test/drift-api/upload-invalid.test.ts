import t from 'tap';
import { multipartBody, seattleRowsByYear, startDriftApp, storedCounts } from './support.js';

const { header, rows2012, rows2015 } = seattleRowsByYear();
const REFERENCE_FILE = [header, ...rows2012].join('\n');
const CURRENT_FILE = [header, ...rows2015].join('\n');

const INVALID_UPLOADS: Array<{ name: string; files: Parameters<typeof multipartBody>[0]; detail: RegExp }> = [
  { name: 'a missing current file', files: [{ name: 'reference', content: REFERENCE_FILE }], detail: /The multipart body has no file current/ },
  { name: 'a file of another name', files: [{ name: 'reference', content: REFERENCE_FILE }, { name: 'baseline', content: CURRENT_FILE }], detail: /a file named "baseline"; name the two files reference and current/ },
  { name: 'a text field', files: [{ name: 'reference', content: REFERENCE_FILE }, { name: 'drift_share', content: '0.3', field: true }], detail: /a field "drift_share"; send only the files reference and current, and options in the query/ },
  { name: 'a file sent twice', files: [{ name: 'reference', content: REFERENCE_FILE }, { name: 'reference', content: REFERENCE_FILE }], detail: /the file "reference" twice/ },
  { name: 'different headers', files: [{ name: 'reference', content: REFERENCE_FILE }, { name: 'current', content: CURRENT_FILE.replace('wind', 'gusts') }], detail: /The two CSV files have different columns \(only in reference: "wind"; only in current: "gusts"\)/ },
  { name: 'a third file', files: [{ name: 'reference', content: 'x\n1' }, { name: 'current', content: 'x\n2' }, { name: 'extra', content: 'x\n3' }], detail: /a file named "extra"|too many parts/ },
];

for (const { name, files, detail } of INVALID_UPLOADS) {
  t.test(`createDriftReport rejects an upload with ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);
    const before = await storedCounts(api);
    const { payload, headers } = multipartBody(files);

    const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload, headers });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), before, 'nothing stored');
  });
}
