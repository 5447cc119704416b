/** The `weft` command: one file per verb, wired here. */
import { Command, CommanderError } from 'commander';
import { registerBenchCommand } from './bench.command';
import { registerRunCommand } from './run.command';
import { registerStackCommand } from './stack.command';

const program = new Command('weft')
  .description('weft: platform-driven mass production, simulated over Kafka and Redis')
  .showHelpAfterError()
  .exitOverride();

registerRunCommand(program);
registerStackCommand(program);
registerBenchCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`weft: ${message}\n`);
  process.exitCode = 1;
});
