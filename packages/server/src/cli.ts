import { Command } from 'commander';
import { registerAuditCommands } from './cli/audit.command.js';
import { registerBackupCommands } from './cli/backup.command.js';
import { registerCrdcCommands } from './cli/crdc.command.js';
import { registerDemoCommand } from './cli/demo.command.js';
import { registerExportCommands } from './cli/export.command.js';
import { registerImportCommands } from './cli/import.command.js';
import { registerMouCommands } from './cli/mou.command.js';
import { registerTrainingCommands } from './cli/training.command.js';
import { registerThreatCommands } from './cli/threat.command.js';
import { registerSetupCommands } from './cli/setup.command.js';
import { registerStudentsCommands } from './cli/students.command.js';
import { registerTransparencyCommands } from './cli/transparency.command.js';

/**
 * The `forefront` command (run as `npx forefront <command>` from the repository root). Each
 * command lives in src/cli/ and is registered here explicitly.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('forefront')
    .description('Forefront: run a School Resource Officer program by the evidence, in public.')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('serve')
    .description('Migrate the database and serve the app and API (PORT, default 3000)')
    .action(async () => {
      const { serve } = await import('./main.js');
      await serve();
    });
  registerSetupCommands(program);
  registerDemoCommand(program);
  registerBackupCommands(program);
  registerAuditCommands(program);
  registerImportCommands(program);
  registerExportCommands(program);
  registerMouCommands(program);
  registerTrainingCommands(program);
  registerThreatCommands(program);
  registerStudentsCommands(program);
  registerCrdcCommands(program);
  registerTransparencyCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version')
      process.exit(0);
    if (e.code?.startsWith('commander.')) process.exit(e.exitCode ?? 2);
    console.error(`forefront: ${e.message ?? String(err)}`);
    process.exit(1);
  }
}
