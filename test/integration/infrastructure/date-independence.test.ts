/**
 * Nothing may depend on the real date: time comes from the injected Clock, and the test template database holds no
 * month of its own (its migrations used to create item partitions from the database's now()). Run with the system
 * date moved (faketime) this passes the same way.
 */
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { ItemPartitions } from '../../../src/ingestion/item-partitions.service';
import { createTestApp, TestApp } from '../../support/app';

describe('start-up without the real date', () => {
  let t: TestApp;
  // A month that is certainly not the real one.
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2019-06-15T08:00:00Z') });
  });
  afterAll(() => t.close());

  it('issue 12 point 21: an app started with a FakeClock has exactly the item partitions of its own months', async () => {
    const months = (await t.get(ItemPartitions).list()).map((p) => p.month);
    expect(months).toEqual(['2019-06', '2019-07', '2019-08']);
  });
});
