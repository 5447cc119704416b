/** The Kafka jars: fetched once with Maven into a cache shared by every clone of the repository. */
import { access, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lastLines, runCommand } from './commands';
import { requireMaven } from './prerequisites';
import { KAFKA_VERSION, type StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import type { StackLog } from './stack-log';

/** Present only in a directory whose copy finished; a partial fetch never gets it. */
const COMPLETE_MARKER = '.complete';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** `stack/kafka` of this repository (pom.xml, log4j2.properties), from source or from dist/. */
export async function kafkaAssetsDir(): Promise<string> {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'stack', 'kafka');
    if (await exists(join(candidate, 'pom.xml'))) return candidate;
    if (dirname(dir) === dir) {
      throw new StackError(`stack/kafka/pom.xml not found above ${__dirname}`, {
        retriable: false,
      });
    }
  }
}

/** The directory holding every jar of the Kafka runtime, fetching it first if the cache lacks it. */
export async function ensureKafkaJars(config: StackConfig, log: StackLog): Promise<string> {
  const jarsDir = join(config.kafka.cacheDir, 'libs');
  if (await exists(join(jarsDir, COMPLETE_MARKER))) return jarsDir;

  const mvn = await requireMaven();
  const pom = join(await kafkaAssetsDir(), 'pom.xml');
  await mkdir(config.kafka.cacheDir, { recursive: true });
  const partialDir = await mkdtemp(join(config.kafka.cacheDir, 'libs.partial-'));
  log(`fetching the Kafka ${KAFKA_VERSION} jars with Maven into ${jarsDir} (once per machine)…`);
  try {
    const args = [
      '-B',
      '-q',
      '-f',
      pom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${partialDir}`,
    ];
    const result = await runCommand(mvn, [...args, '-DincludeScope=runtime']);
    if (result.exitCode !== 0) {
      throw new StackError(
        `mvn could not fetch the Kafka jars (exit ${result.exitCode}); is Maven Central reachable?\n` +
          lastLines(result.output),
        { retriable: true },
      );
    }
    const jars = (await readdir(partialDir)).filter((name) => name.endsWith('.jar'));
    if (!jars.some((name) => name.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
      throw new StackError(
        `mvn finished but ${partialDir} holds no kafka_2.13-${KAFKA_VERSION} jar`,
        {
          retriable: false,
        },
      );
    }
    await writeFile(join(partialDir, COMPLETE_MARKER), `${jars.length} jars\n`);
    await publish(partialDir, jarsDir);
    log(`fetched ${jars.length} jars`);
    return jarsDir;
  } finally {
    await rm(partialDir, { recursive: true, force: true });
  }
}

/** Moves a finished fetch into place; a concurrent fetch that finished first wins. */
async function publish(partialDir: string, jarsDir: string): Promise<void> {
  // A directory without the marker is the remains of a fetch that died half-way.
  if ((await exists(jarsDir)) && !(await exists(join(jarsDir, COMPLETE_MARKER)))) {
    await rm(jarsDir, { recursive: true, force: true });
  }
  try {
    await rename(partialDir, jarsDir);
  } catch (err) {
    if (!(await exists(join(jarsDir, COMPLETE_MARKER)))) throw err;
  }
}
