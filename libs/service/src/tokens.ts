/** Injection tokens of the service shell. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
