// Pure helpers of bench/bench.mjs (compiled to bench/dist by `npm run build`).
export * from './stats';
export * from './proc-cpu';
export * from './history-shape';
export * from './results-table';
