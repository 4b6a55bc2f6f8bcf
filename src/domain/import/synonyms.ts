/**
 * Header words people use for each field, in the languages of Kartoteka's users (English,
 * Polish, Czech, Russian, Croatian/Serbian/Bosnian, a little German), written as typed;
 * mapping.ts compares them squashed (lower case, no diacritics, letters and digits only).
 * A field's own header, label and key always match too.
 */
import type { ImportEntity } from './types';

/** Pseudo-targets beside field keys: name parts and the row's customer or service. */
export type SynonymTarget =
  | string
  | 'first name'
  | 'last name'
  | 'customer:id'
  | 'customer:customerNumber'
  | 'customer:email'
  | 'customer:phone'
  | 'customer:name'
  | 'service:id'
  | 'service:name';

type Synonyms = Record<SynonymTarget, readonly string[]>;

// prettier-ignore
const PERSON: Synonyms = {
  'first name': [
    'first name', 'firstname', 'given name', 'forename', 'imię', 'imie', 'jméno', 'křestní jméno',
    'имя', 'ime', 'vorname',
  ],
  'last name': [
    'last name', 'lastname', 'surname', 'family name', 'nazwisko', 'příjmení', 'фамилия',
    'prezime', 'nachname',
  ],
  email: [
    'email', 'e-mail', 'mail', 'email address', 'e-mail address', 'adres e-mail', 'adres email',
    'e-mailová adresa', 'emailová adresa', 'электронная почта', 'эл. почта', 'почта', 'емейл',
    'e-pošta', 'adresa e-pošte', 'e-mail adresa',
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'tel', 'tel.', 'mobile', 'mobile phone', 'cell',
    'telefon', 'nr telefonu', 'numer telefonu', 'komórka', 'telefonní číslo', 'mobil',
    'телефон', 'тел', 'мобильный', 'мобильный телефон', 'broj telefona', 'mobitel', 'handy',
  ],
  birthday: [
    'birthday', 'birth date', 'date of birth', 'dob', 'data urodzenia', 'urodziny',
    'datum narození', 'narozeniny', 'дата рождения', 'день рождения', 'datum rođenja',
    'rođendan', 'geburtsdatum',
  ],
  notes: [
    'notes', 'note', 'comment', 'comments', 'remarks', 'uwagi', 'notatki', 'notatka',
    'poznámky', 'poznámka', 'заметки', 'примечание', 'комментарий', 'bilješke', 'napomena',
    'napomene', 'notizen',
  ],
  preferredChannel: ['channel', 'preferred channel', 'kanał', 'kanál', 'канал'],
};

// prettier-ignore
const CUSTOMER_REFS: Synonyms = {
  'customer:id': ['customer id', 'customerid', 'id klienta', 'id zákazníka'],
  'customer:customerNumber': [
    'customer number', 'customer no', 'customer #', 'client number', 'client no', 'account number',
    'nr klienta', 'numer klienta', 'číslo zákazníka', 'číslo klienta', 'номер клиента',
    'broj kupca', 'broj klijenta', 'kundennummer',
  ],
  'customer:email': [
    'customer email', 'customer e-mail', 'client email', 'e-mail klienta', 'email klienta',
    'e-mail zákazníka', 'email клиента',
  ],
  'customer:phone': ['customer phone', 'telefon klienta', 'telefon zákazníka'],
  'customer:name': [
    'customer', 'customer name', 'client', 'client name', 'klient', 'nazwa klienta', 'zákazník',
    'jméno zákazníka', 'клиент', 'kupac', 'klijent', 'kunde',
  ],
};

// prettier-ignore
const CUSTOMERS: Synonyms = {
  ...PERSON,
  name: [
    'name', 'full name', 'customer', 'customer name', 'client', 'client name', 'klient',
    'nazwa', 'nazwa klienta', 'imię i nazwisko', 'jméno a příjmení', 'celé jméno', 'název',
    'zákazník', 'фио', 'имя и фамилия', 'клиент', 'название', 'ime i prezime', 'naziv', 'kupac',
    'klijent', 'kunde',
  ],
  customerNumber: CUSTOMER_REFS['customer:customerNumber'].concat([
    'customer id', 'client id', 'id klienta', 'číslo', 'nr', 'number', 'no',
  ]),
  company: [
    'company', 'organisation', 'organization', 'employer', 'firma', 'spółka', 'společnost',
    'компания', 'организация', 'tvrtka', 'poduzeće', 'preduzeće', 'unternehmen',
  ],
  type: ['type', 'typ', 'тип', 'vrsta'],
  gender: ['gender', 'sex', 'płeć', 'pohlaví', 'пол', 'spol'],
  address: ['address', 'street', 'adres', 'ulica', 'adresa', 'ulice', 'адрес', 'улица', 'straße'],
  city: ['city', 'town', 'miasto', 'miejscowość', 'město', 'obec', 'город', 'grad', 'mjesto', 'ort'],
  postalCode: [
    'postal code', 'postcode', 'zip', 'zip code', 'kod pocztowy', 'psč', 'poštovní směrovací číslo',
    'почтовый индекс', 'индекс', 'poštanski broj', 'plz',
  ],
  country: ['country', 'kraj', 'państwo', 'země', 'stát', 'страна', 'država', 'zemlja', 'land'],
  taxId: ['tax id', 'vat', 'vat id', 'vat number', 'nip', 'ičo', 'dič', 'инн', 'oib', 'pib'],
  industry: ['industry', 'branża', 'obor', 'отрасль', 'djelatnost', 'branche'],
  website: ['website', 'web', 'www', 'url', 'strona', 'strona www', 'web stránky', 'сайт', 'web stranica'],
  source: ['source', 'źródło', 'zdroj', 'источник', 'izvor', 'quelle'],
  tags: ['tags', 'tag', 'labels', 'tagi', 'etykiety', 'štítky', 'теги', 'метки', 'oznake'],
  owner: [
    'owner', 'account manager', 'salesperson', 'opiekun', 'handlowiec', 'vlastník', 'obchodník',
    'ответственный', 'менеджер', 'vlasnik', 'zaduženi',
  ],
  followUp: ['next follow-up', 'follow-up', 'follow up', 'następny kontakt', 'další kontakt', 'следующий контакт'],
};

// prettier-ignore
const CONTACTS: Synonyms = {
  ...PERSON,
  ...CUSTOMER_REFS,
  'customer:name': CUSTOMER_REFS['customer:name'].concat([
    'company', 'organisation', 'organization', 'firma', 'společnost', 'компания', 'tvrtka',
  ]),
  name: ['name', 'full name', 'contact', 'imię i nazwisko', 'jméno a příjmení', 'фио', 'ime i prezime'],
  role: [
    'role', 'position', 'job title', 'title', 'stanowisko', 'funkcja', 'funkce', 'pozice',
    'должность', 'pozicija', 'funkcija', 'radno mjesto',
  ],
};

// prettier-ignore
const DEALS: Synonyms = {
  ...CUSTOMER_REFS,
  title: [
    'title', 'deal', 'deal name', 'subject', 'order', 'tytuł', 'nazwa', 'przedmiot', 'zamówienie',
    'předmět', 'název', 'objednávka', 'название', 'сделка', 'заказ', 'naziv', 'narudžba',
  ],
  amount: [
    'amount', 'value', 'total', 'sum', 'revenue', 'kwota', 'wartość', 'suma', 'částka', 'hodnota',
    'cena celkem', 'сумма', 'стоимость', 'iznos', 'vrijednost', 'ukupno', 'betrag',
  ],
  currency: ['currency', 'waluta', 'měna', 'валюта', 'valuta', 'währung'],
  stage: ['stage', 'status', 'etap', 'fáze', 'stav', 'этап', 'стадия', 'статус', 'faza'],
  closedDate: [
    'closed', 'close date', 'closed date', 'date', 'order date', 'purchase date', 'data',
    'data zakupu', 'data zamówienia', 'datum', 'datum nákupu', 'datum objednávky', 'дата',
    'дата покупки', 'дата заказа', 'datum kupnje', 'datum narudžbe',
  ],
  expectedClose: ['expected close', 'expected close date', 'planowane zamknięcie', 'očekávané uzavření'],
  paid: ['paid', 'payment', 'zapłacono', 'płatność', 'zaplaceno', 'оплачено', 'plaćeno'],
  nextStep: ['next step', 'następny krok', 'další krok', 'следующий шаг', 'sljedeći korak'],
  nextStepDate: ['next step date'],
  owner: CUSTOMERS.owner,
  notes: PERSON.notes,
  'service:id': ['service id'],
  'service:name': [
    'service', 'product', 'item', 'usługa', 'produkt', 'towar', 'služba', 'zboží', 'услуга',
    'товар', 'продукт', 'usluga', 'proizvod',
  ],
};

// prettier-ignore
const SERVICES: Synonyms = {
  name: [
    'name', 'service', 'product', 'item', 'nazwa', 'usługa', 'produkt', 'název', 'služba',
    'название', 'услуга', 'товар', 'naziv', 'usluga', 'proizvod',
  ],
  category: ['category', 'group', 'kategoria', 'grupa', 'kategorie', 'skupina', 'категория', 'kategorija'],
  price: ['price', 'list price', 'unit price', 'cena', 'cena katalogowa', 'цена', 'cijena', 'preis'],
  currency: DEALS.currency,
  active: ['active', 'aktywna', 'aktywny', 'aktivní', 'активна', 'активный', 'aktivan'],
  description: ['description', 'opis', 'popis', 'описание', 'beschreibung'],
};

export const SYNONYMS: Record<ImportEntity, Synonyms> = {
  customers: CUSTOMERS,
  contacts: CONTACTS,
  deals: DEALS,
  services: SERVICES,
};
