export * from './escape';
export * from './csp';
export * from './document';
