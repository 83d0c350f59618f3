// Pure CX math: counts per score in, figures out. No I/O; the CSV reader lives apart in csv-metrics.ts.
export * from './distribution.js';
export * from './nps.js';
export * from './csat.js';
export * from './ces.js';
export * from './rating.js';
export * from './significance.js';
export * from './special-functions.js';
