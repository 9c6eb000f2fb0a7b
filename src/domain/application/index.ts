export * from './archive-records.js';
export * from './facts.js';
export * from './form.js';
export * from './status.js';
export * from './submission.js';
