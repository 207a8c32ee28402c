import { main } from '../../src/cli/main';

describe('idemeum-aws', () => {
  test('fails when the command is unknown, listing the commands', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(main(['nope'])).resolves.toBe(2);
    expect(String(err.mock.calls[0][0])).toContain('unknown command "nope"');
    err.mockRestore();
  });
});

describe('idemeum-aws <command> --help', () => {
  const commands = ['mock-aws', 'provider', 'saml', 'login', 'simulate', 'access-diff'];

  test.each(commands.flatMap((c) => [[c, '--help'], [c, '-h']]))('%s %s prints that command\'s usage and exits 0', async (name, flag) => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(main([name, flag])).resolves.toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(/^usage:/);
      expect(printed).toContain(`idemeum-aws ${name}`);
    } finally {
      out.mockRestore();
    }
  });

  test('a subcommand followed by --help still prints the usage (saml response --help)', async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(main(['saml', 'response', '--help'])).resolves.toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('idemeum-aws saml response');
    } finally {
      out.mockRestore();
    }
  });

  test('--help after -- is an argument, not a request for help', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(main(['access-diff', '--', '--help'])).resolves.not.toBe(0);
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
  });
});
