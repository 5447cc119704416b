/** `weft stack up|down|status`: a local Kafka broker (or cluster) and Redis, without Docker. */
import type { Command } from 'commander';
import {
  formatStatusTable,
  loadStackConfig,
  stackDown,
  stackStatus,
  stackUp,
  type StackFlags,
  type StackLog,
} from './stack';

const print: StackLog = (line) => process.stdout.write(`${line}\n`);

export function registerStackCommand(program: Command): void {
  const stack = program
    .command('stack')
    .description(
      'a local Kafka broker and Redis for weft (no Docker: Java, Maven and redis-server)',
    );

  stack
    .command('up')
    .description('start Kafka and Redis, or reuse ones already running; safe to repeat')
    .option('--kafka-port <port>', 'Kafka listener port (WEFT_KAFKA_PORT, default 9092)')
    .option(
      '--redis-url <url>',
      'Redis to use or start (WEFT_REDIS_URL, default redis://127.0.0.1:6379)',
    )
    .option('--home <dir>', 'data, logs and state (WEFT_HOME, default ./.weft)')
    .option('--kafka-heap <size>', 'broker JVM heap (WEFT_KAFKA_HEAP, default 512m)')
    .option(
      '--brokers <count>',
      'Kafka nodes, broker and controller each (WEFT_KAFKA_NODES, default 1); 3 keeps 3 copies of every topic',
    )
    .action(async (flags: StackFlags) => {
      await stackUp(loadStackConfig(process.env, flags), print);
    });

  stack
    .command('down')
    .description(
      'stop what `stack up` started; never touches a Kafka or Redis it found running, ' +
        'nor a stack runs are using (unless --force)',
    )
    .option('--home <dir>', 'the stack home `up` used (WEFT_HOME, default ./.weft)')
    .option('--force', "stop it even while runs use it (a kept run's services too)")
    .action(async (flags: StackFlags & { force?: boolean }) => {
      await stackDown(loadStackConfig(process.env, flags), print, { force: flags.force === true });
    });

  stack
    .command('status')
    .description(
      'what runs where and who started it; exit code 1 unless Kafka and Redis both answer',
    )
    .option('--home <dir>', 'the stack home `up` used (WEFT_HOME, default ./.weft)')
    .action(async (flags: StackFlags) => {
      const status = await stackStatus(loadStackConfig(process.env, flags));
      formatStatusTable(status).forEach((line) => print(line));
      if (!status.healthy) process.exitCode = 1;
    });
}
