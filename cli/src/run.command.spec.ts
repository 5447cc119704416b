import type { AuditCheck, RunReport } from '@weft/telemetry';
import { RunExit, auditVerdict, parseInstances } from './run.command';

const passed = (name: string): AuditCheck => ({
  name,
  about: `${name}, from two sources`,
  expected: 1,
  found: 1,
  ok: true,
});

/** A report carrying only what the verdict reads: its audit. */
const reportWith = (checks: AuditCheck[] | null) =>
  (checks ? { audit: { ok: checks.every((c) => c.ok), checks } } : {}) as RunReport;

describe('auditVerdict', () => {
  it('exits 0 when every check passed, and says how many', () => {
    expect(auditVerdict(reportWith([passed('drained'), passed('ledger.escrow')]))).toEqual({
      exitCode: 0,
      lines: ['audit: all 2 checks passed'],
    });
  });

  it('exits 0 for a report without an audit (the in-process engine)', () => {
    expect(auditVerdict(reportWith(null))).toEqual({ exitCode: 0, lines: [] });
  });

  it('exits with the audit code and prints each failed check with its figures', () => {
    const open = { ...passed('orders.open'), expected: 12, found: 11, ok: false };

    expect(auditVerdict(reportWith([passed('drained'), open]))).toEqual({
      exitCode: RunExit.auditFailed,
      lines: ['audit: FAILED orders.open: expected 12, found 11 (orders.open, from two sources)'],
    });
  });

  it('exits with the not-drained code when the run did not drain, whatever else failed', () => {
    const drained = { ...passed('drained'), expected: true, found: false, ok: false };
    const escrow = { ...passed('ledger.escrow'), found: 0, ok: false };
    const verdict = auditVerdict(reportWith([drained, escrow]));

    expect(verdict.exitCode).toBe(RunExit.notDrained);
    expect(verdict.lines).toHaveLength(2);
    expect(RunExit.notDrained).not.toBe(RunExit.auditFailed);
  });
});

describe('parseInstances', () => {
  it('takes a count for any service but consumers, and names the ones it takes when wrong', () => {
    expect(parseInstances('shops=2,wholesalers=3')).toEqual({ shops: 2, wholesalers: 3 });
    expect(() => parseInstances('consumers=2')).toThrow(
      'expected service=count with a service of shops, bidding, payments, wholesalers, capacity, monitor; got "consumers=2"',
    );
    expect(() => parseInstances('shops=9')).toThrow('expected a count from 1 to 8 in "shops=9"');
  });
});
