export * from './time/index.js';
export * from './score/index.js';
export * from './tiers/index.js';
export * from './growth/index.js';
export * from './campaigns/index.js';
export * from './simulation/index.js';
export * from './errors/index.js';
export * from './long-work/index.js';
