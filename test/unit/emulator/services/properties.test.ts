import { describe, expect, it } from 'vitest';
import { COST_MODEL } from '../../../../src/local/emulator/execution';
import {
  createPropertiesService,
  PROPERTY_QUOTA_MESSAGE,
} from '../../../../src/local/emulator/services/properties';
import { FakeHost, newWorld } from '../fake-host';

describe('PropertiesService', () => {
  it('stores strings, returns null for missing keys and copies, and chains', () => {
    const host = new FakeHost(newWorld());
    const props = createPropertiesService(host).getDocumentProperties();
    expect(
      props.setProperty('n', 42 as unknown as string).setProperty('b', true as unknown as string),
    ).toBe(props);
    expect(props.getProperty('n')).toBe('42');
    expect(props.getProperty('b')).toBe('true');
    expect(props.getProperty('missing')).toBeNull();
    const copy = props.getProperties();
    copy.n = 'changed';
    expect(props.getProperty('n')).toBe('42');
    expect(host.state.properties.document).toEqual({ n: '42', b: 'true' });
  });

  it('keeps document, script and per-user stores apart', () => {
    const world = newWorld();
    const ala = createPropertiesService(new FakeHost(world, { user: 'ala@example.com' }));
    const ola = createPropertiesService(new FakeHost(world, { user: 'ola@example.com' }));
    ala.getUserProperties().setProperty('k', 'ala');
    ola.getUserProperties().setProperty('k', 'ola');
    ala.getScriptProperties().setProperty('k', 'script');
    expect(ala.getUserProperties().getProperty('k')).toBe('ala');
    expect(ola.getUserProperties().getProperty('k')).toBe('ola');
    expect(ola.getDocumentProperties().getProperty('k')).toBeNull();
    expect(ola.getScriptProperties().getProperty('k')).toBe('script');
  });

  it('setProperties merges, or replaces everything with deleteAllOthers', () => {
    const props = createPropertiesService(new FakeHost(newWorld())).getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' });
    expect(props.getKeys().sort()).toEqual(['a', 'b', 'c']);
    props.setProperties({ d: '4' }, true);
    expect(props.getProperties()).toEqual({ d: '4' });
    props.deleteProperty('d');
    props.setProperty('e', '5').deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  it('rejects a value over 9 KB and changes nothing', () => {
    const props = createPropertiesService(new FakeHost(newWorld())).getDocumentProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    // Multi-byte characters count as bytes.
    expect(() => props.setProperty('big', 'ż'.repeat(5000))).toThrow('Argument too large: value');
    expect(props.getProperty('big')).toBeNull();
  });

  it("throws Google's quota text past 500 KB per store, atomically", () => {
    const props = createPropertiesService(new FakeHost(newWorld())).getDocumentProperties();
    const chunk = 'x'.repeat(9000);
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, chunk);
    const batch: Record<string, string> = { a: chunk, b: chunk };
    expect(() => props.setProperties(batch)).toThrow(PROPERTY_QUOTA_MESSAGE);
    expect(props.getProperty('a')).toBeNull();
    expect(PROPERTY_QUOTA_MESSAGE).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  });

  it('counts calls and models read/write costs', () => {
    const host = new FakeHost(newWorld());
    const props = createPropertiesService(host).getDocumentProperties();
    props.setProperty('a', '1');
    props.getProperty('a');
    props.getProperty('a');
    expect(host.counts.byMethod['Properties.getProperty']).toBe(2);
    expect(host.counts.byMethod['Properties.setProperty']).toBe(1);
    expect(host.counts.modelledMs).toBe(COST_MODEL.propertyWriteMs + 2 * COST_MODEL.propertyReadMs);
  });
});
