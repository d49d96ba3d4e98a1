export * from './policy.exception';
export * from './versioned-policy';
export * from './departments';
export * from './routing';
export * from './opinion-deadlines';
export * from './disclosure';
export * from './disclosure-clocks';
export * from './opinion-grading';
