// Integration tests wait on real brokers and processes; Jest's 5 s default is for unit tests.
jest.setTimeout(120_000);
