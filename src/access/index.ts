export * from './model';
export * from './effective';
export * from './render';
export * from './change-report';
export * from './render-changes';
export * from './plan';
