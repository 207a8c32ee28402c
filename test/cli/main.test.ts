import { main } from '../../src/cli/main';

describe('idemeum-aws', () => {
  test('fails when the command is unknown, listing the commands', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(main(['nope'])).resolves.toBe(2);
    expect(String(err.mock.calls[0][0])).toContain('unknown command "nope"');
    err.mockRestore();
  });
});
