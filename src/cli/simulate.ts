import type { Command } from './main';

export const command: Command = {
  summary: 'apply the example stack to the local emulator and sign every entitled user in',
  async run(): Promise<number> {
    process.stdout.write('idemeum-aws simulate: simulation not yet available (see the README roadmap)\n');
    return 0;
  },
};
