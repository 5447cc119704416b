import type { PartitionLag } from '@weft/kafka';
import { formatLag, groupTotals } from './lag-table';

const row = (groupId: string, topic: string, partition: number, committed: number, end: number) =>
  ({ groupId, topic, partition, committed, end, lag: end - committed }) satisfies PartitionLag;

describe('weft lag tables', () => {
  const rows = [
    row('weft-r1-payments', 'r1.orders.placed', 0, 40, 45),
    row('weft-r1-payments', 'r1.orders.placed', 1, 33, 33),
    row('weft-r1-shops', 'r1.bidding.bids', 0, 1_200, 1_250),
  ];
  const groups = [
    { service: 'payments', groupId: 'weft-r1-payments', state: 'Stable', members: 2 },
    { service: 'shops', groupId: 'weft-r1-shops', state: 'Empty', members: 0 },
  ];

  it('sums each group’s partitions', () => {
    expect(groupTotals(groups, rows)).toEqual([
      { ...groups[0], committed: 73, end: 78, lag: 5 },
      { ...groups[1], committed: 1_200, end: 1_250, lag: 50 },
    ]);
  });

  it('prints the partitions, then the groups, topics without the run’s prefix', () => {
    expect(formatLag(rows, groupTotals(groups, rows), 'r1.')).toEqual([
      'group             topic          partition  committed    end  lag',
      'weft-r1-payments  orders.placed          0         40     45    5',
      'weft-r1-payments  orders.placed          1         33     33    0',
      'weft-r1-shops     bidding.bids           0      1,200  1,250   50',
      '',
      'group             state   members  committed    end  lag',
      'weft-r1-payments  Stable        2         73     78    5',
      'weft-r1-shops     Empty         0      1,200  1,250   50',
    ]);
  });
});
