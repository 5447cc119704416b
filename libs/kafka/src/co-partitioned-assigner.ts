/**
 * Co-partitioned assignment (what Kafka Streams does for joins): partition p of every
 * subscribed topic goes to the same member. Events that change one entity travel keyed
 * by it on several topics; with equal partition counts the key lands in the same
 * partition number everywhere, so one instance owns the entity and state in Redis is
 * never modified by two instances at once. kafkajs's round-robin assigner would split
 * partition p of two topics between members.
 */
import { AssignerProtocol, type Assignment, type PartitionAssigner } from 'kafkajs';

export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'WeftCoPartitioned',
  version: 1,
  async assign({ members, topics }) {
    const ids = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Assignment>(ids.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = assignment.get(ids[partitionId % ids.length] ?? '');
        if (owner) (owner[topic] ??= []).push(partitionId);
      }
    }
    return [...assignment].map(([memberId, a]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: a,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'WeftCoPartitioned',
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: 1,
        topics,
        userData: Buffer.alloc(0),
      }),
    };
  },
});
