export * from './model';
export * from './effective';
export * from './render';
