// Child process of the bench's 评审表 case: renders `count` forms of the sample application and
// prints "<ms of the first> <ms of the rest>" on stdout. One process per core, so a batch uses the
// machine the way an office printing a campaign's forms would.
import { performance } from 'node:perf_hooks';
import { reviewFormPdf } from '../src/server/documents/review-form.js';
import { sampleReviewForm } from '../test/fixtures/review-form-sample.js';

const count = Number(process.argv[2] ?? 1);
const data = sampleReviewForm();
const t0 = performance.now();
await reviewFormPdf({ ...data, number: 'BENCH-000000' }, { blind: false });
const first = performance.now() - t0;
const t1 = performance.now();
for (let i = 1; i < count; i++) await reviewFormPdf({ ...data, number: `BENCH-${String(i).padStart(6, '0')}` }, { blind: i % 2 === 1 });
console.log(`${first.toFixed(1)} ${(performance.now() - t1).toFixed(1)}`);
