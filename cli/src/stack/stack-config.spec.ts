import { kafkaAddresses, loadStackConfig } from './stack-config';

describe('loadStackConfig', () => {
  it('lays three nodes out two ports apart, each broker port beside its controller port', () => {
    const config = loadStackConfig({}, { brokers: '3' });
    expect(config.kafka.nodes).toEqual([
      { id: 1, port: 9092, controllerPort: 9093 },
      { id: 2, port: 9094, controllerPort: 9095 },
      { id: 3, port: 9096, controllerPort: 9097 },
    ]);
    expect(kafkaAddresses(config)).toEqual(['127.0.0.1:9092', '127.0.0.1:9094', '127.0.0.1:9096']);
  });

  it('takes the node count from WEFT_KAFKA_NODES, one by default', () => {
    expect(loadStackConfig({}).kafka.nodes).toHaveLength(1);
    expect(loadStackConfig({ WEFT_KAFKA_NODES: '3' }).kafka.nodes).toHaveLength(3);
  });

  it('rejects a node count out of range, naming the flag and the value', () => {
    expect(() => loadStackConfig({}, { brokers: '0' })).toThrow(
      '--brokers: expected a node count from 1 to 5, got "0"',
    );
    expect(() => loadStackConfig({ WEFT_KAFKA_NODES: 'three' })).toThrow(
      'WEFT_KAFKA_NODES: expected a node count from 1 to 5, got "three"',
    );
  });

  it('rejects controller ports that meet a broker port of another node', () => {
    expect(() =>
      loadStackConfig(
        { WEFT_KAFKA_PORT: '9092', WEFT_KAFKA_CONTROLLER_PORT: '9094' },
        { brokers: '3' },
      ),
    ).toThrow('port 9094 would serve two listeners');
    expect(() =>
      loadStackConfig({ WEFT_KAFKA_PORT: '9092', WEFT_KAFKA_CONTROLLER_PORT: '9092' }),
    ).toThrow('WEFT_KAFKA_CONTROLLER_PORT');
  });
});
