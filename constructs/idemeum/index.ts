export * from './version';
export * from './provider';
export * from './pushed-user';
export * from './pushed-group';
export * from './scim-link';
export * from './aws-application';
export * from './data-aws-group';
