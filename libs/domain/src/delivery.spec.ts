import { deliveryMs, nextPickupMs, rateDelivery, updateRating } from './delivery';
import { Rng } from './rng';
import { HOUR_MS } from './time';

const at = (hour: number) => hour * HOUR_MS;
const pickups = [10, 16, 22];

/** A generator that always draws the same number in [0, 1). */
class FixedRng extends Rng {
  constructor(private readonly value: number) {
    super(0);
  }

  override next(): number {
    return this.value;
  }
}

/** rateDelivery takes a star off when next() < 0.1. */
const content = () => new FixedRng(0.5);
const grumpy = () => new FixedRng(0.05);

describe('nextPickupMs', () => {
  it('hands a parcel ready in the morning to the same day’s first pickup', () => {
    expect(nextPickupMs(at(9), pickups)).toBe(at(10));
  });

  it('hands a parcel ready exactly at a pickup to that pickup', () => {
    expect(nextPickupMs(at(16), pickups)).toBe(at(16));
  });

  it('waits for the next pickup when one has just left', () => {
    expect(nextPickupMs(at(16) + 1, pickups)).toBe(at(22));
  });

  it('waits for the next morning after the last pickup of the day', () => {
    expect(nextPickupMs(at(22.5), pickups)).toBe(at(34)); // day 1, 10:00
  });

  it('works the same on later days', () => {
    expect(nextPickupMs(at(48 + 3), pickups)).toBe(at(58)); // day 2, 03:00 → 10:00
  });

  it('does not depend on the order the pickup hours are listed in', () => {
    expect(nextPickupMs(at(17), [22, 10, 16])).toBe(at(22));
  });

  it('ships at once when there are no pickup slots', () => {
    expect(nextPickupMs(at(17), [])).toBe(at(17));
  });
});

describe('deliveryMs', () => {
  const shipping = { pickupHours: pickups, transitHours: { min: 12, max: 36 } };

  it('delivers the pickup time plus a transit drawn between the shortest and longest', () => {
    // ready 09:00 → pickup 10:00; transit 12 + 0.5 × 24 = 24 h → hour 34
    expect(deliveryMs(new FixedRng(0.5), at(9), shipping)).toBe(at(34));
    // transit 12 + 0 × 24 = 12 h → hour 22
    expect(deliveryMs(new FixedRng(0), at(9), shipping)).toBe(at(22));
  });
});

describe('rateDelivery', () => {
  const wanted = at(100);

  it('gives five stars on time, four from the one consumer in ten who takes a star off', () => {
    expect(rateDelivery(content(), at(99), wanted)).toBe(5);
    expect(rateDelivery(grumpy(), at(99), wanted)).toBe(4);
  });

  it('counts a delivery exactly at the wanted time as on time', () => {
    expect(rateDelivery(content(), wanted, wanted)).toBe(5);
  });

  it('takes a star off for the first started 12 hours late', () => {
    expect(rateDelivery(content(), wanted + 1, wanted)).toBe(4); // ⌈1 ms / 12 h⌉ = 1
    expect(rateDelivery(content(), wanted + at(12), wanted)).toBe(4); // ⌈12/12⌉ = 1
  });

  it('takes two stars off 13 hours late, three with the grumpy consumer', () => {
    // 5 − ⌈13/12⌉ = 5 − 2 = 3; grumpy 3 − 1 = 2
    expect(rateDelivery(content(), wanted + at(13), wanted)).toBe(3);
    expect(rateDelivery(grumpy(), wanted + at(13), wanted)).toBe(2);
  });

  it('never gives less than one star however late', () => {
    // 5 − ⌈100/12⌉ = 5 − 9 = −4 → 1
    expect(rateDelivery(content(), wanted + at(100), wanted)).toBe(1);
    expect(rateDelivery(grumpy(), wanted + at(100), wanted)).toBe(1);
  });

  it('takes a star off about one delivery in ten', () => {
    let fours = 0;
    for (let n = 0; n < 10_000; n++)
      if (rateDelivery(new Rng(3, `rating:${n}`), 0, 1) === 4) fours++;
    // binomial mean 1 000, sd = √(10 000 × 0.1 × 0.9) = 30; ±4 sd = ±120
    expect(Math.abs(fours - 1000)).toBeLessThanOrEqual(120);
  });
});

describe('updateRating', () => {
  it('moves a rating a tenth of the way toward the new stars', () => {
    expect(updateRating(4, 5)).toBeCloseTo(4.1, 12); // 4 + 0.1 × 1
    expect(updateRating(4, 1)).toBeCloseTo(3.7, 12); // 4 − 0.1 × 3
  });

  it('leaves a rating where it is when the new stars agree with it', () => {
    expect(updateRating(5, 5)).toBe(5);
  });
});
