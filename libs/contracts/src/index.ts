export { Topics, ALL_TOPICS, ServiceInputs, SERVICE_NAMES } from './topics';
export type { TopicName, ServiceName } from './topics';
export { ScenarioSchema, parseScenario, ScenarioError } from './scenario.schema';
