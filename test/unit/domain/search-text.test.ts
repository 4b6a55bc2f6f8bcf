import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesFolded } from '../../../src/domain/search-text.ts';

describe('search text folding', () => {
  it('finds Polish names typed without diacritics, and the other way round', () => {
    expect(matchesFolded('Zofia Łukaszewska', 'lukasz')).toBe(true);
    expect(matchesFolded('Zofia Łukaszewska', 'ŁUKASZ')).toBe(true);
    expect(matchesFolded('Lukasz Nowak', 'Łukasz')).toBe(true);
    expect(matchesFolded('Małgorzata Żółć-Wiśniewska', 'malgorzata zolc')).toBe(true);
    expect(matchesFolded('Grzegorz Brzęczyszczykiewicz', 'brzeczyszczykiewicz')).toBe(true);
  });

  it('folds Czech, Slovak and Croatian letters', () => {
    expect(matchesFolded('Eva Horáková', 'horakova')).toBe(true);
    expect(matchesFolded('Jiří Dvořák', 'jiri dvorak')).toBe(true);
    expect(matchesFolded('Ľubomír Šťastný', 'lubomir stastny')).toBe(true);
    expect(matchesFolded('Đurđa Kovačević', 'durda kovacevic')).toBe(true);
    expect(matchesFolded('Durda Kovacevic', 'Đurđa Kovačević')).toBe(true);
  });

  it('transliterates Russian Cyrillic so a Latin query finds it, and a Cyrillic one finds Latin', () => {
    expect(matchesFolded('Сергей Иванов', 'sergey ivanov')).toBe(true);
    expect(matchesFolded('Сергей Иванов', 'sergei')).toBe(true);
    expect(matchesFolded('Татьяна Хабарова', 'tatiana khabarova')).toBe(true);
    expect(matchesFolded('Татьяна Хабарова', 'tatyana habarova')).toBe(true);
    expect(matchesFolded('Юрий Щукин', 'yuri shchukin')).toBe(true);
    expect(matchesFolded('Александр Жуков', 'alexandr zhukov')).toBe(true);
    expect(matchesFolded('Sergey Ivanov', 'Сергей')).toBe(true);
    expect(matchesFolded('Cvetkov', 'Цветков')).toBe(true);
    expect(matchesFolded('Цветков', 'tsvetkov')).toBe(true);
    expect(matchesFolded('Łukasz Czarnecki', 'Лукаш Чарнецки')).toBe(true);
  });

  it('does not blur names that merely look alike', () => {
    expect(matchesFolded('Brian Smith', 'jan')).toBe(false);
    expect(matchesFolded('Anna Nowak', 'kowal')).toBe(false);
    expect(matchesFolded('Сергей', 'sasha')).toBe(false);
  });

  it('keeps emails, digits and punctuation searchable', () => {
    expect(matchesFolded('zofia.lukaszewska@example.pl', 'zofia.luk')).toBe(true);
    expect(matchesFolded('+48601234567', '601234')).toBe(true);
    expect(foldForSearch('Hotel Wawel Sp. z o.o.')).toBe('hotel wawel sp. z o.o.');
  });

  it('matches everything for an empty or blank query', () => {
    expect(matchesFolded('anything', '')).toBe(true);
    expect(matchesFolded('anything', '   ')).toBe(true);
  });

  it('does not depend on String.prototype.normalize for the listed languages', () => {
    const original = String.prototype.normalize;
    try {
      // An engine without ICU: normalize does nothing.
      String.prototype.normalize = function (this: string) {
        return String(this);
      };
      expect(foldForSearch('Łukaszewska Horáková Đurđa Сергей')).toBe(
        foldForSearch('lukaszewska horakova durda sergei'),
      );
    } finally {
      String.prototype.normalize = original;
    }
  });
});

describe('search terms', () => {
  it('needs every word, in any order', () => {
    expect(matchesFolded('Hotel Wawel Sp. z o.o.', 'wawel hotel')).toBe(true);
    expect(matchesFolded('Hotel Wawel Sp. z o.o.', 'wawel kraków')).toBe(false);
  });
});
