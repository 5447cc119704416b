/** Finding redis-server, and installing it with apt-get when we are root on Debian/Ubuntu. */
import { findExecutable, lastLines, runCommand } from './commands';
import { StackError } from './stack-errors';
import type { StackLog } from './stack-log';

// Debian installs it in /usr/bin; some images keep daemons in /usr/sbin, off a user's PATH.
const EXTRA_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

const NOT_FOUND =
  'redis-server not found: install it with `sudo apt-get install redis-server` (Debian/Ubuntu) ' +
  'or point WEFT_REDIS_URL at a running Redis';

export async function locateRedisServer(): Promise<string | undefined> {
  return findExecutable('redis-server', EXTRA_DIRS);
}

/** The path of redis-server, installing the Debian package first if we can. */
export async function locateOrInstallRedisServer(log: StackLog): Promise<string> {
  const found = await locateRedisServer();
  if (found) return found;
  const aptGet = await findExecutable('apt-get');
  if (!aptGet || process.getuid?.() !== 0) throw new StackError(NOT_FOUND, { retriable: false });

  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'redis-server']]) {
    log(`redis-server not found; running: apt-get ${args.join(' ')}`);
    const result = await runCommand(aptGet, args, { env, onLine: (line) => log(`  ${line}`) });
    if (result.exitCode !== 0) {
      throw new StackError(
        `apt-get ${args.join(' ')} failed (exit ${result.exitCode}):\n${lastLines(result.output)}\n` +
          NOT_FOUND,
        { retriable: true },
      );
    }
  }
  const installed = await locateRedisServer();
  if (!installed)
    throw new StackError(`apt-get installed redis-server, yet it is not found. ${NOT_FOUND}`, {
      retriable: false,
    });
  return installed;
}
