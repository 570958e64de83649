import t from 'tap';
import { startDriftApp, storedCounts, uniformValues } from './support.js';

const REFERENCE = {
  x: uniformValues(300, 1),
  colour: Array.from({ length: 300 }, (_, i) => ['red', 'green', 'blue'][i % 3]!),
};
const SHIFTED = {
  x: uniformValues(300, 2, 0.5),
  colour: Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? 'red' : 'blue')),
};

const INVALID_REPORTS: Array<{ name: string; payload: unknown; url?: string; detail: RegExp }> = [
  { name: 'an empty body', payload: {}, detail: /The body has no data; send reference and current/ },
  { name: 'reference without current', payload: { reference: REFERENCE }, detail: /The body has reference but no current; send both samples/ },
  { name: 'samples and counts together', payload: { reference: REFERENCE, current: SHIFTED, counts: { features: { x: { kind: 'numerical', counts: [1, 2] } } } }, detail: /raw samples and counts or a profile/ },
  { name: 'counts without a profile or model', payload: { counts: { features: { x: { kind: 'numerical', counts: [1, 2] } } } }, detail: /counts but no profile; send the profile the counts were made with, or the model_id/ },
  { name: 'an empty column', payload: { reference: { x: [] }, current: { x: [1] } }, detail: /body\/reference\/x must NOT have fewer than 1 items/ },
  { name: 'no features', payload: { reference: {}, current: {} }, detail: /body\/reference must NOT have fewer than 1 properties/ },
  { name: 'mismatched features', payload: { reference: { x: [1, 2, 3], y: [1, 2, 3] }, current: { x: [1, 2, 3], z: [1, 2, 3] } }, detail: /The reference and current samples have different features \(only in reference: "y"; only in current: "z"\)/ },
  { name: 'an unknown method', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'anderson' } } }, detail: /body\/feature_options\/x\/method must be one of "ks", "wasserstein", "psi", "jensenshannon", "chisquare", "z", but it is "anderson"/ },
  { name: 'bins below 2', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'psi', bins: 1 } } }, detail: /body\/feature_options\/x\/bins must be >= 2/ },
  { name: 'bins above 1000', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'psi', bins: 1001 } } }, detail: /body\/feature_options\/x\/bins must be <= 1000/ },
  { name: 'options for an unknown feature', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { y: { method: 'psi' } } }, detail: /feature_options names "y", which is not in the reference/ },
  { name: 'ks on a categorical feature', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { colour: { method: 'ks' } } }, detail: /colour/ },
  { name: 'a p-value threshold of 1', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'ks', threshold: 1 } } }, detail: /"x"/ },
  { name: 'bins with ks', payload: { reference: REFERENCE, current: SHIFTED, feature_options: { x: { method: 'ks', bins: 5 } } }, detail: /"x"/ },
  { name: 'no evaluable feature', payload: { reference: { x: [1] }, current: { x: [2] } }, detail: /No feature could be evaluated \("x" is insufficient\); send at least 2 non-missing values per feature/ },
  { name: 'too many features', payload: { reference: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, [1, 2]])), current: { f0: [1, 2] } }, detail: /body\/reference must NOT have more than 500 properties/ },
  { name: 'too many values in a column', payload: { reference: { x: new Array(1_000_001).fill(0) }, current: { x: [1, 2] } }, detail: /body\/reference\/x must NOT have more than 1000000 items/ },
  { name: 'a drift_share above 1', payload: { reference: REFERENCE, current: SHIFTED, drift_share: 1.5 }, detail: /body\/drift_share must be <= 1/ },
  { name: 'an unknown property', payload: { reference: REFERENCE, current: SHIFTED, weights: { x: 2 } }, detail: /unknown property "weights"/ },
  { name: 'a nested array value', payload: { reference: { x: [[1]] }, current: { x: [1] } }, detail: /body\/reference\/x\/0 must be number,string,boolean,null/ },
  { name: 'query options with a JSON body', url: '/drift/reports?drift_share=0.3', payload: { reference: REFERENCE, current: SHIFTED }, detail: /query parameters model_id and drift_share apply to CSV uploads/ },
];

for (const { name, payload, url, detail } of INVALID_REPORTS) {
  t.test(`createDriftReport rejects ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);
    const before = await storedCounts(api);

    const response = await api.request({ method: 'POST', url: url ?? '/drift/reports', token, payload: payload as object });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
    t.same(await storedCounts(api), before, 'nothing stored');
  });
}

