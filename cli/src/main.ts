/** The `weft` command: one file per verb, wired here. */
import { Command, CommanderError } from 'commander';
import { registerBenchCommand } from './bench.command';
import { registerFindingsCommand } from './findings.command';
import { registerLagCommand } from './lag.command';
import { registerRunCommand } from './run.command';
import { registerStackCommand } from './stack.command';
import { registerStopCommand } from './stop.command';
import { registerSweepCommand } from './sweep.command';
import { registerTailCommand } from './tail.command';
import { registerTraceCommand } from './trace.command';

const program = new Command('weft')
  .description('weft: platform-driven mass production, simulated over Kafka and Redis')
  .showHelpAfterError()
  .exitOverride();

registerRunCommand(program);
registerTailCommand(program);
registerTraceCommand(program);
registerLagCommand(program);
registerStopCommand(program);
registerStackCommand(program);
registerBenchCommand(program);
registerFindingsCommand(program);
registerSweepCommand(program);

/**
 * A verb is done when its promise settles. The process then exits with its code once the
 * output is written: a client a library left open (a kafkajs consumer restarting itself
 * after a broker outage, say) must not keep a finished run alive.
 */
function exitWhenWritten(): void {
  const code = Number(process.exitCode ?? 0);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

program
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`weft: ${message}\n`);
    process.exitCode = 1;
  })
  .finally(exitWhenWritten);
