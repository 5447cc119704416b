/**
 * A stack of the tests' own: a temporary WEFT_HOME and ports nobody else uses, so it never
 * meets the stack the jest global setup (or a developer) runs. The jar cache stays shared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackConfig, stackDown, type StackConfig } from '../../src/stack';

export interface IsolatedStack {
  config: StackConfig;
  /** The environment that names this stack, for code that reads its own (localStack). */
  env: NodeJS.ProcessEnv;
}

export interface StackHomes {
  make(options: {
    kafkaPort: number;
    controllerPort: number;
    redisUrl: string;
    nodes?: number;
  }): Promise<IsolatedStack>;
  /** Stops what a failed assertion left running (`down` stops only what is ours), then removes the homes. */
  cleanUp(): Promise<void>;
}

export function stackHomes(): StackHomes {
  const made: IsolatedStack[] = [];
  return {
    async make({ kafkaPort, controllerPort, redisUrl, nodes = 1 }) {
      const home = await mkdtemp(join(tmpdir(), 'weft-stack-test-'));
      const env: NodeJS.ProcessEnv = {
        WEFT_HOME: home,
        WEFT_KAFKA_CACHE: process.env.WEFT_KAFKA_CACHE,
        WEFT_KAFKA_PORT: String(kafkaPort),
        WEFT_KAFKA_CONTROLLER_PORT: String(controllerPort),
        WEFT_KAFKA_NODES: String(nodes),
        WEFT_KAFKA_HEAP: '256m',
        WEFT_REDIS_URL: redisUrl,
      };
      const stack = { config: loadStackConfig(env), env };
      made.push(stack);
      return stack;
    },
    async cleanUp() {
      try {
        for (const { config } of made) await stackDown(config, () => undefined, { force: true });
      } finally {
        for (const { config } of made) await rm(config.home, { recursive: true, force: true });
      }
    },
  };
}
