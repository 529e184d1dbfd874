export * from './long-work-progress.js';
