import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ScenarioError, parseScenario } from './scenario.schema';

const raw = () =>
  parse(
    readFileSync(join(__dirname, '..', '..', '..', 'scenarios', 'default.yaml'), 'utf8'),
  ) as Record<string, Record<string, unknown>>;

function problemsOf(doc: unknown): string[] {
  try {
    parseScenario(doc, 'test.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it.each([
    'default',
    'singles-day',
    'wage-squeeze',
    'lead-time-crunch',
    'hours-cap',
    'automation',
  ])('accepts the shipped %s', (name) => {
    const doc = parse(
      readFileSync(join(__dirname, '..', '..', '..', 'scenarios', `${name}.yaml`), 'utf8'),
    );
    expect(parseScenario(doc).name).toBe(name);
  });

  it('names an unknown key', () => {
    const doc = raw();
    doc.shops = { ...doc.shops, cuont: 3 };
    expect(problemsOf(doc)).toEqual(['scenario.shops.cuont: unknown key']);
  });

  it('refuses a cap on hours shorter than the day shift, or longer than a day', () => {
    const doc = raw();
    doc.workshops = { ...doc.workshops, maxHoursPerWorkerDay: 11 };
    expect(problemsOf(doc)).toEqual([
      "scenario.workshops.maxHoursPerWorkerDay: expected at least the day shift's 12 hours (dayShift 8–20): a cap shortens overtime, not the regular shift, got 11",
    ]);
    doc.workshops = { ...doc.workshops, maxHoursPerWorkerDay: 25 };
    expect(problemsOf(doc)).toEqual([
      'scenario.workshops.maxHoursPerWorkerDay: expected at most 24, got 25',
    ]);
  });

  it('refuses a cap shorter than the night shift where workshops run one', () => {
    const doc = raw();
    const dayShift = { start: 8, end: 18 };
    doc.workshops = { ...doc.workshops, dayShift, maxHoursPerWorkerDay: 12 };
    expect(problemsOf(doc)).toEqual([
      "scenario.workshops.maxHoursPerWorkerDay: expected at least the night shift's 14 hours (the 24 hours outside dayShift 8–18), since nightShiftShare is 0.3, got 12",
    ]);
    doc.workshops = { ...doc.workshops, dayShift, maxHoursPerWorkerDay: 12, nightShiftShare: 0 };
    expect(parseScenario(doc).workshops.maxHoursPerWorkerDay).toBe(12);
  });

  it('leaves hours uncapped when the scenario sets no cap', () => {
    expect(parseScenario(raw()).workshops).not.toHaveProperty('maxHoursPerWorkerDay');
  });

  it('names a key of the wrong type and shows the value', () => {
    const doc = raw();
    doc.workshops = { ...doc.workshops, count: 'many' };
    expect(problemsOf(doc)).toEqual([
      'scenario.workshops.count: expected a positive integer, got "many"',
    ]);
  });

  it('names a negative rate', () => {
    const doc = raw();
    doc.demand = { ...doc.demand, ordersPerHour: -5 };
    expect(problemsOf(doc)).toEqual([
      'scenario.demand.ordersPerHour: expected a number ≥ 0, got -5',
    ]);
  });

  it('names a negative count, and every problem at once', () => {
    const doc = raw();
    doc.shops = { ...doc.shops, count: -3 };
    doc.demand = { ...doc.demand, hourlyCurve: [1, 2, 3] };
    expect(problemsOf(doc)).toEqual([
      'scenario.demand.hourlyCurve: expected 24 numbers, one per hour of the day, got an object',
      'scenario.shops.count: expected a positive integer, got -3',
    ]);
  });

  it('names a missing section', () => {
    const doc = raw();
    delete doc.payments;
    expect(problemsOf(doc)[0]).toMatch(/^scenario\.payments: .*got nothing$/);
  });

  it('names a count past the largest scenario', () => {
    const doc = raw();
    doc.shops = { ...doc.shops, workshopsInvited: 150_000 };
    expect(problemsOf(doc)).toEqual([
      'scenario.shops.workshopsInvited: expected at most 100, got 150000',
    ]);
  });

  it('names a demand whose peak (rate × busiest hour × spikes) is past the largest', () => {
    const doc = raw();
    doc.demand = { ...doc.demand, spikes: [{ atHour: 0, durationHours: 1, factor: 1e6 }] };
    expect(problemsOf(doc)[0]).toMatch(
      /^scenario\.demand\.ordersPerHour: expected a peak rate .* of at most 2100000000 orders an hour, not 6000000000/,
    );
  });

  it('names a category whose prices would not fit a listing', () => {
    const doc = raw();
    const categories = doc.categories as unknown as Record<string, unknown>[];
    doc.categories = [{ ...categories[0], referencePriceCents: 2_000_000_000 }] as never;
    expect(problemsOf(doc)[0]).toMatch(
      /^scenario\.categories\.0: expected prices of at most 2147483647 cents a unit/,
    );
  });

  describe('workshops.automation', () => {
    const withAutomation = (automation: unknown) => {
      const doc = raw();
      doc.workshops = { ...doc.workshops, automation };
      return doc;
    };
    const good = { share: 0.5, minutesFactor: 0.5, capitalCentsPerLineDay: 3000 };

    it('is absent unless the scenario sets it', () => {
      expect(parseScenario(raw()).workshops).not.toHaveProperty('automation');
      expect(parseScenario(withAutomation(good)).workshops.automation).toEqual(good);
    });

    it('accepts every workshop automated and machines that cost nothing', () => {
      const all = { share: 1, minutesFactor: 0.01, capitalCentsPerLineDay: 0 };
      expect(parseScenario(withAutomation(all)).workshops.automation).toEqual(all);
    });

    it.each([
      [
        { ...good, share: 0 },
        'scenario.workshops.automation.share: expected a number in (0, 1], got 0',
      ],
      [
        { ...good, share: 1.5 },
        'scenario.workshops.automation.share: expected a number in (0, 1], got 1.5',
      ],
      [
        { ...good, minutesFactor: 1 },
        'scenario.workshops.automation.minutesFactor: expected a number in (0, 1), got 1',
      ],
      [
        { ...good, minutesFactor: 0 },
        'scenario.workshops.automation.minutesFactor: expected a number in (0, 1), got 0',
      ],
      [
        { ...good, capitalCentsPerLineDay: -1 },
        'scenario.workshops.automation.capitalCentsPerLineDay: expected integer cents ≥ 0, got -1',
      ],
      [
        { ...good, capitalCentsPerLineDay: 12.5 },
        'scenario.workshops.automation.capitalCentsPerLineDay: expected integer cents ≥ 0, got 12.5',
      ],
      [{ ...good, shar: 0.5 }, 'scenario.workshops.automation.shar: unknown key'],
    ])('refuses %j', (automation, problem) => {
      expect(problemsOf(withAutomation(automation))).toContain(problem);
    });

    it('names a missing field', () => {
      expect(problemsOf(withAutomation({ share: 0.5, minutesFactor: 0.5 }))).toEqual([
        'scenario.workshops.automation.capitalCentsPerLineDay: expected integer cents ≥ 0, got nothing',
      ]);
    });
  });
});
