export * from './config';
export * from './aws-provider-config';
export * from './example-stack';
export * from './build';
export * from './example.config';
