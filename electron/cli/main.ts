import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../backend/app-version';
import { registerAllocate } from './commands/allocate';
import { registerAnomalies } from './commands/anomalies';
import { registerBudgets } from './commands/budgets';
import { registerContracts } from './commands/contracts';
import { registerDemo } from './commands/demo';
import { registerExport } from './commands/export';
import { registerEnergy } from './commands/energy';
import { registerImport } from './commands/import';
import { registerLedger } from './commands/ledger';
import { registerPrice } from './commands/price';
import { registerPricebook } from './commands/pricebook';
import { registerRun } from './commands/run';
import { registerDrivers, registerScenarios } from './commands/scenarios';
import { registerWarehouse } from './commands/warehouse';
import { registerWorkspace } from './commands/workspace';
import { EXIT_BAD_INPUT } from './output';

/**
 * `aispend`: the workbench from the command line. Every command takes
 * --help; with --json it prints exactly one JSON document on stdout; exit
 * codes are 0 ok, 1 failure, 2 bad input.
 */
export function buildProgram(): Command {
  const program = new Command()
    .name('aispend')
    .description('AI Spend Workbench on the command line: build the demo, import statements, look at the ledger, check invoices against contracts, run scenarios and export the board workbook, allocate costs to teams, aggregate bills in a warehouse and export FOCUS.')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemo(program);
  registerWorkspace(program);
  registerImport(program);
  registerLedger(program);
  registerPrice(program);
  registerPricebook(program);
  registerContracts(program);
  registerRun(program);
  registerExport(program);
  registerScenarios(program);
  registerDrivers(program);
  registerAllocate(program);
  registerBudgets(program);
  registerAnomalies(program);
  registerEnergy(program);
  registerWarehouse(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "with an error" that is not one.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`aispend: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
