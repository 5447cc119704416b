/** The programs the Kafka half of the stack needs, with the command that installs each one. */
import { findExecutable, runCommand } from './commands';
import { StackError } from './stack-errors';

const MIN_JAVA_MAJOR = 17;

export async function requireJava(): Promise<string> {
  const java = await findExecutable('java');
  if (!java) {
    throw new StackError(
      `java not found: Kafka needs Java ${MIN_JAVA_MAJOR}; install it with ` +
        '`sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu)',
      { retriable: false },
    );
  }
  const { output } = await runCommand(java, ['-version']);
  const major = javaMajorVersion(output);
  if (major !== undefined && major < MIN_JAVA_MAJOR) {
    throw new StackError(
      `${java} is Java ${major}: Kafka needs Java ${MIN_JAVA_MAJOR} or later; install it with ` +
        '`sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu)',
      { retriable: false },
    );
  }
  return java;
}

/** `version "17.0.15"` → 17, `version "1.8.0_392"` → 8. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

export async function requireMaven(): Promise<string> {
  const mvn = await findExecutable('mvn');
  if (!mvn) {
    throw new StackError(
      'mvn not found: the Kafka jars are fetched once with Maven; install it with ' +
        '`sudo apt-get install maven` (Debian/Ubuntu)',
      { retriable: false },
    );
  }
  return mvn;
}
