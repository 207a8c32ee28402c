export * from './emulator';
export * from './control';
export * from './access';
export * from './toolchain';
export * from './stack';
