export * from './model';
export * from './handler';
export { AUTO_POST_SCRIPT } from './pages';
