import { describe, expect, it } from 'vitest';
import {
  checkSetting,
  checkSettings,
  resolveSettings,
  settingRule,
} from '../../../src/domain/settings-rules.ts';
import { countryCode, ISO_3166_ALPHA2 } from '../../../src/domain/countries.ts';
import { lifecycleSettings } from '../../../src/domain/lifecycle.ts';
import { SETTINGS_DEFAULTS } from '../../../src/domain/schema.ts';

describe('settings values', () => {
  it('accepts ISO 3166 two-letter countries in any case, and refuses others', () => {
    expect(checkSetting('defaultCountry', 'cz')).toEqual({ value: 'CZ' });
    expect(checkSetting('defaultCountry', 'XX')).toEqual({
      error:
        "Default country: 'XX' is not a country: use a two-letter ISO 3166 country code (PL, CZ, DE, …)",
    });
    expect(checkSetting('defaultCountry', 'POL')).toHaveProperty('error');
    expect(checkSetting('defaultCountry', '')).toEqual({ error: 'Default country is required' });
  });

  it('has every officially assigned country code, each one a named region', () => {
    expect(ISO_3166_ALPHA2.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of ISO_3166_ALPHA2) expect(names.of(code), code).not.toBe(code);
  });

  it('accepts ISO 4217 currencies only', () => {
    expect(checkSetting('defaultCurrency', 'eur')).toEqual({ value: 'EUR' });
    expect(checkSetting('defaultCurrency', 'ZLT')).toHaveProperty('error');
  });

  it('keeps lifecycle thresholds in range, whole days where days are meant', () => {
    expect(checkSetting('newWindowDays', '45')).toEqual({ value: '45' });
    expect(checkSetting('newWindowDays', '4.5')).toEqual({
      error: 'New customer for (days): use a whole number of days',
    });
    expect(checkSetting('slippingDays', '0')).toHaveProperty('error');
    expect(checkSetting('slippingFactor', '1,5')).toEqual({ value: '1.5' });
    expect(checkSetting('slippingFactor', 'two')).toEqual({
      error: "Slipping factor: 'two' is not a number",
    });
    expect(checkSetting('topShare', '20%')).toEqual({ value: '0.2' });
    expect(checkSetting('topShare', '0.25')).toEqual({ value: '0.25' });
    expect(checkSetting('topShare', '20')).toHaveProperty('error');
  });

  it('never stores a threshold the lifecycle would replace by its default', () => {
    const edges: Record<string, string[]> = {
      newWindowDays: ['0', '3650'],
      topShare: ['0.01', '1'],
      slippingFactor: ['1', '100'],
      slippingDays: ['1', '3650'],
    };
    for (const [key, values] of Object.entries(edges)) {
      for (const value of values) {
        const checked = checkSetting(key, value);
        expect(checked, `${key}=${value}`).toEqual({ value });
        const read = lifecycleSettings({ [key]: value }) as unknown as Record<string, number>;
        expect(read[key], `${key}=${value}`).toBe(Number(value));
      }
    }
  });

  it('checks a whole form and names every bad field', () => {
    expect(checkSettings({ defaultCountry: 'de', slippingDays: '-3' })).toEqual({
      ok: false,
      fieldErrors: {
        slippingDays: 'One-time buyers slip after (days): use a number between 1 and 3650',
      },
    });
    expect(checkSettings({ defaultCountry: 'de', defaultCurrency: 'eur' })).toEqual({
      ok: true,
      values: { defaultCountry: 'DE', defaultCurrency: 'EUR' },
    });
  });

  it('has a rule and a label for every setting of the schema', () => {
    for (const { key, value } of SETTINGS_DEFAULTS) {
      expect(settingRule(key).label, key).toBeTruthy();
      expect(checkSetting(key, value), `default of ${key}`).toEqual({ value });
    }
  });
});

describe('country names', () => {
  it('reads the names people type as codes, in English and Polish, and former names', () => {
    expect(countryCode('Poland')).toBe('PL');
    expect(countryCode('  polska ')).toBe('PL');
    expect(countryCode('Czechia')).toBe('CZ');
    expect(countryCode('Czech Republic')).toBe('CZ');
    expect(countryCode('Czechy')).toBe('CZ');
    expect(countryCode('Deutschland')).toBeNull(); // neither English nor Polish
    expect(countryCode('Niemcy')).toBe('DE');
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('de')).toBe('DE');
    expect(countryCode('Narnia')).toBeNull();
    expect(countryCode('')).toBeNull();
    expect(checkSetting('defaultCountry', 'Poland')).toEqual({ value: 'PL' });
  });
});

describe('settings as typed in the tab, made safe to use', () => {
  it('keeps valid values in their stored form and passes unknown keys through', () => {
    const { values, fallbacks } = resolveSettings({
      defaultCountry: 'pl',
      topShare: '20%',
      slippingDays: '120',
      ourOwnKey: 'anything',
    });
    expect(values).toEqual({
      defaultCountry: 'PL',
      topShare: '0.2',
      slippingDays: '120',
      ourOwnKey: 'anything',
    });
    expect(fallbacks).toEqual([]);
  });

  it('replaces each refused value by its default and says so, with what to type', () => {
    const { values, fallbacks } = resolveSettings({
      defaultCurrency: 'złoty',
      defaultCountry: 'Narnia',
      slippingDays: 'abc',
      newWindowDays: '4.5',
      exchangeRates: 'EUR is about four',
    });
    expect(values).toMatchObject({
      defaultCurrency: 'PLN',
      defaultCountry: 'PL',
      slippingDays: '90',
      newWindowDays: '30',
      exchangeRates: '',
    });
    expect(fallbacks.map((f) => f.message)).toEqual([
      "Settings: defaultCountry 'Narnia' is not a country: use a two-letter ISO 3166 country code (PL, CZ, DE, …); PL was used.",
      "Settings: defaultCurrency 'złoty' is not a currency code: use an ISO 4217 code (PLN, EUR, USD, …); PLN was used.",
      "Settings: newWindowDays '4.5': use a whole number of days; 30 was used.",
      "Settings: slippingDays 'abc' is not a number; 90 was used.",
      expect.stringMatching(/^Settings: exchangeRates 'EUR is about four'.*; it was left off\.$/),
    ]);
    expect(fallbacks[0]).toMatchObject({ key: 'defaultCountry', value: 'Narnia', used: 'PL' });
  });
});
