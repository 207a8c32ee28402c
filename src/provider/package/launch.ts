import { compileProvider } from './launcher';

// Entry of the provider executable: the bundle and its code cache sit next to it.
compileProvider(__dirname).run();
