import { Command, CommanderError } from 'commander';
import { WardenError } from '../../shared/errors.ts';
import { CliContext, type GlobalOptions } from './context.ts';
import { ExitCode, exitCodeFor } from './exitCodes.ts';
import type { CliStreams } from './output.ts';
import * as info from './commands/info.ts';
import * as tenant from './commands/tenant.ts';
import * as login from './commands/login.ts';
import * as importCommand from './commands/import.ts';
import * as query from './commands/query.ts';
import * as caseCommand from './commands/case.ts';
import * as verify from './commands/verify.ts';
import * as detect from './commands/detect.ts';
import * as detectContext from './commands/detectContext.ts';
import * as findings from './commands/findings.ts';
import * as suppress from './commands/suppress.ts';
import * as report from './commands/report.ts';
import * as inventory from './commands/inventory.ts';
import * as jobs from './commands/jobs.ts';
import * as roles from './commands/roles.ts';
import * as journal from './commands/journal.ts';
import * as collect from './commands/collect.ts';
import * as posture from './commands/posture.ts';

/** A command module: adds its subcommand(s) to the program. */
export interface CommandModule {
  register(program: Command, cli: CliContext): void;
}

const COMMANDS: readonly CommandModule[] = [info, tenant, login, importCommand, query, caseCommand, verify, inventory, jobs, roles, journal, collect, detect, detectContext, findings, suppress, report, posture];

export interface RunOptions {
  streams: CliStreams;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Extra command modules (tests). */
  extraCommands?: readonly CommandModule[];
}

/** Runs `warden` with the given arguments and returns the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], options: RunOptions): Promise<ExitCode> {
  const program = new Command('warden');
  const cli = new CliContext(options.streams, options.env, () => program.opts<GlobalOptions>());
  program
    .description('Warden: administer Exchange Online and review its audit and sign-in logs.')
    .version(options.version, '-V, --version')
    .option('--data-dir <dir>', "where profiles and stores live (default: the desktop app's data folder)")
    .option('--json', 'print the result as one JSON object on the last line of stdout; progress and logs go to stderr')
    .option('--verbose', 'log debug details to stderr')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => options.streams.stdout.write(text),
      writeErr: (text) => options.streams.stderr.write(text),
    });
  for (const command of [...COMMANDS, ...(options.extraCommands ?? [])]) command.register(program, cli);
  for (const sub of program.commands) sub.exitOverride();

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (cli.partial !== null) {
      options.streams.stderr.write(`warden: incomplete: ${cli.partial}\n`);
      return ExitCode.incomplete;
    }
    return cli.resultCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badUsage;
    }
    if (error instanceof WardenError) {
      cli.out.failure(error.code, error.message);
      return exitCodeFor(error.code);
    }
    cli.log.error('unexpected failure', { error });
    cli.out.failure('internal', `unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.other;
  } finally {
    await cli.close();
  }
}
