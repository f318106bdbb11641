import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, createCliTarget, runCli } from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';

/** The command names listed under "Commands:" in a commander help text (without `help`). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1];
  if (!section) return [];
  return section
    .split('\n')
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== 'help');
}

describe(`forefront --help on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  beforeAll(async () => {
    target = await createCliTarget();
  });
  afterAll(() => target?.drop());

  it('describes every command and every subcommand, and each help exits 0', async () => {
    const top = await runCli(['--help'], target);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: forefront/);
    const commands = commandsIn(top.stdout);
    // The commands the README and docs/operations.md promise; new ones are picked up from the help.
    expect(commands).toEqual(
      expect.arrayContaining(['serve', 'migrate', 'setup', 'demo', 'backup', 'restore', 'audit']),
    );

    const seen: string[] = [];
    const walk = async (path: string[]): Promise<void> => {
      const r = await runCli([...path, '--help'], target);
      expect(r.code, `forefront ${path.join(' ')} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: forefront ${path.join(' ')}\\b`));
      // A description line follows the usage line: an empty help would be useless.
      const description = r.stdout.split('\n\n')[1]?.trim() ?? '';
      expect(description.length, `forefront ${path.join(' ')} has no description`).toBeGreaterThan(15);
      seen.push(path.join(' '));
      await Promise.all(commandsIn(r.stdout).map((sub) => walk([...path, sub])));
    };
    // Two at a time: each child process starts Node and tsx (~1.5 s) on a 2-core machine.
    for (let i = 0; i < commands.length; i += 2) await Promise.all(commands.slice(i, i + 2).map((c) => walk([c])));
    expect(seen).toEqual(expect.arrayContaining(['demo code', 'audit verify']));
    expect((await runCli(['serve', '--help'], target)).stdout).toContain('PORT');
    // Help never opens (or creates) the database, starts the server or runs migrations.
    expect(existsSync(join(target.dataDir, 'forefront.sqlite'))).toBe(false);
  }, 60_000);

  it('answers an unknown command with the help and a non-zero exit', async () => {
    const r = await runCli(['no-such-command'], target);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });
});
