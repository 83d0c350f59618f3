export * from './distribution.js';
export * from './nps.js';
export * from './csat.js';
export * from './ces.js';
export * from './rating.js';
export * from './significance.js';
export { normalCdf, twoSidedNormalP, twoSidedStudentP } from './special-functions.js';
