/** kafkajs's own table of the requests it can make (its source, not its typed API). */
declare module 'kafkajs/src/protocol/requests' {
  /** Per API name, the request versions kafkajs implements (none: it never sends it). */
  export const requests: Record<string, { versions: string[] }>;
}

declare module 'kafkajs/src/protocol/requests/apiKeys' {
  const apiKeys: Record<string, number>;
  export = apiKeys;
}
