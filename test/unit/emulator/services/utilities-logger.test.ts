import { describe, expect, it } from 'vitest';
import { createConsole, createLogger } from '../../../../src/local/emulator/services/logger';
import { createUtilities } from '../../../../src/local/emulator/services/utilities';
import { FakeHost, newWorld } from '../fake-host';

describe('Utilities.formatDate', () => {
  const utilities = createUtilities(new FakeHost(newWorld()));
  const summer = new Date('2026-07-04T21:05:09.007Z');
  const winter = new Date('2026-01-09T08:03:04.000Z');

  it('formats numeric fields in the given zone', () => {
    expect(utilities.formatDate(summer, 'Europe/Warsaw', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe(
      '2026-07-04 23:05:09.007',
    );
    expect(utilities.formatDate(summer, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss')).toBe(
      '2026-07-04 14:05:09',
    );
    expect(utilities.formatDate(summer, 'Asia/Tokyo', 'yy/M/d H')).toBe('26/7/5 6');
  });

  it('formats names, 12-hour clock and offsets', () => {
    expect(utilities.formatDate(winter, 'Europe/Warsaw', 'EEE, d MMM yyyy hh:mm a Z')).toBe(
      'Fri, 9 Jan 2026 09:03 AM +0100',
    );
    expect(utilities.formatDate(summer, 'Europe/Warsaw', 'EEEE d MMMM, h a XXX')).toBe(
      'Saturday 4 July, 11 PM +02:00',
    );
    expect(utilities.formatDate(winter, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      '2026-01-09T03:03:04-05:00',
    );
    expect(utilities.formatDate(winter, 'UTC', "HH:mm X 'o''clock' ''")).toBe("08:03 Z o'clock '");
    expect(utilities.formatDate(winter, 'Asia/Kolkata', 'HH:mm Z')).toBe('13:33 +0530');
  });

  it('rejects unknown pattern letters', () => {
    expect(() => utilities.formatDate(winter, 'UTC', 'yyyy-qq')).toThrow(
      "Illegal pattern character 'q'",
    );
  });
});

describe('Utilities', () => {
  it('sleep advances the simulated clock, up to 5 minutes', () => {
    const world = newWorld();
    const utilities = createUtilities(new FakeHost(world));
    const before = world.clock.ms;
    utilities.sleep(1500);
    expect(world.clock.ms - before).toBe(1500);
    expect(() => utilities.sleep(300_001)).toThrow();
  });

  it('getUuid, base64 round trip with Java bytes', () => {
    const utilities = createUtilities(new FakeHost(newWorld()));
    expect(utilities.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(utilities.getUuid()).not.toBe(utilities.getUuid());
    expect(utilities.base64Encode('zażółć')).toBe(Buffer.from('zażółć').toString('base64'));
    const bytes = utilities.base64Decode(utilities.base64Encode('ż'));
    expect(bytes).toEqual([-59, -68]);
    expect(utilities.base64Encode(bytes)).toBe(utilities.base64Encode('ż'));
  });
});

describe('Logger and console', () => {
  it('Logger.log substitutes %s and writes to the sink; calls are counted', () => {
    const sink: string[] = [];
    const host = new FakeHost(newWorld());
    const logger = createLogger(host, sink);
    logger.log('Sent %s of %s', 3, 5).log({ a: 1 });
    expect(sink).toEqual(['Sent 3 of 5', '{"a":1}']);
    expect(logger.getLog()).toBe('Sent 3 of 5\n{"a":1}\n');
    expect(host.counts.byMethod['Logger.log']).toBe(2);
  });

  it('console levels are kept apart in the sink', () => {
    const sink: string[] = [];
    const console = createConsole(sink);
    console.log('a %d', 1);
    console.warn('w');
    console.error('e');
    expect(sink).toEqual(['a 1', 'WARNING: w', 'ERROR: e']);
  });
});
