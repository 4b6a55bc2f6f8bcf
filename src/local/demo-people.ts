/**
 * Made-up people for the demo workbook: Polish and Czech first names and surnames (with
 * their feminine forms), cities, companies, and numbers and addresses that cannot reach
 * anyone — emails at example.com (reserved, RFC 2606) and phone numbers from Ofcom's ranges
 * kept for drama (020 7946 0xxx, 0161 496 0xxx, 0121 496 0xxx). Chosen by a seeded
 * generator, so every demo workbook holds the same people.
 */

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

interface Nation {
  country: string;
  women: readonly string[];
  men: readonly string[];
  /** [masculine, feminine] */
  surnames: ReadonlyArray<readonly [string, string]>;
  cities: readonly string[];
  companies: readonly string[];
}

// prettier-ignore
const POLISH: Nation = {
  country: 'PL',
  women: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Ewa', 'Magdalena', 'Joanna', 'Zofia', 'Łucja', 'Aleksandra', 'Natalia', 'Marta', 'Barbara', 'Hanna', 'Julia', 'Weronika'],
  men: ['Jan', 'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Jakub', 'Grzegorz', 'Adam', 'Wojciech', 'Mateusz', 'Marek', 'Stanisław', 'Szymon'],
  surnames: [['Nowak', 'Nowak'], ['Kowalski', 'Kowalska'], ['Wiśniewski', 'Wiśniewska'], ['Wójcik', 'Wójcik'], ['Kowalczyk', 'Kowalczyk'], ['Kamiński', 'Kamińska'], ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], ['Woźniak', 'Woźniak'], ['Dąbrowski', 'Dąbrowska'], ['Kozłowski', 'Kozłowska'], ['Jankowski', 'Jankowska'], ['Mazur', 'Mazur'], ['Krawczyk', 'Krawczyk'], ['Piotrowski', 'Piotrowska'], ['Grabowski', 'Grabowska'], ['Pawłowski', 'Pawłowska'], ['Michalski', 'Michalska'], ['Król', 'Król']],
  cities: ['Warszawa', 'Kraków', 'Łódź', 'Wrocław', 'Poznań', 'Gdańsk', 'Szczecin', 'Lublin', 'Katowice', 'Białystok', 'Toruń', 'Rzeszów'],
  companies: ['Hotel Pod Lipami', 'Kawiarnia Ziarno', 'Studio Forma', 'Sklep Muzyczny Nuta', 'Biuro Rachunkowe Bilans', 'Szkoła Tańca Rytm', 'Pracownia Stolarska Dąb', 'Klub Jazzowy Blue Note Kraków'],
};

// prettier-ignore
const CZECH: Nation = {
  country: 'CZ',
  women: ['Jana', 'Eva', 'Hana', 'Lenka', 'Kateřina', 'Lucie', 'Věra', 'Tereza', 'Markéta', 'Zuzana'],
  men: ['Jiří', 'Petr', 'Josef', 'Tomáš', 'Martin', 'Jaroslav', 'Miroslav', 'Zdeněk', 'Václav', 'Ondřej'],
  surnames: [['Novák', 'Nováková'], ['Svoboda', 'Svobodová'], ['Novotný', 'Novotná'], ['Dvořák', 'Dvořáková'], ['Černý', 'Černá'], ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'], ['Veselý', 'Veselá'], ['Horák', 'Horáková'], ['Němec', 'Němcová'], ['Marek', 'Marková'], ['Pokorný', 'Pokorná']],
  cities: ['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Olomouc', 'Liberec', 'České Budějovice', 'Hradec Králové'],
  companies: ['Kavárna U Zvonu', 'Hudební škola Tón', 'Penzion Lípa', 'Knihkupectví Slovo', 'Ateliér Barva'],
};

/** Lower-case ASCII for an email's local part: "Łucja Wąż" → "lucja.waz". */
export function asciiName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');
}

export interface Person {
  first: string;
  last: string;
  gender: 'female' | 'male';
  country: string;
  city: string;
}

export function person(random: () => number): Person {
  const nation = random() < 0.75 ? POLISH : CZECH;
  const gender = random() < 0.5 ? 'female' : 'male';
  const [masculine, feminine] = pick(random, nation.surnames);
  return {
    first: pick(random, gender === 'female' ? nation.women : nation.men),
    last: gender === 'female' ? feminine : masculine,
    gender,
    country: nation.country,
    city: pick(random, nation.cities),
  };
}

export function company(random: () => number): { name: string; country: string; city: string } {
  const nation = random() < 0.7 ? POLISH : CZECH;
  return {
    name: pick(random, nation.companies),
    country: nation.country,
    city: pick(random, nation.cities),
  };
}

/** Ofcom's drama ranges: valid-looking numbers nobody answers. n from 0 to 2,999. */
export function dramaPhone(n: number): string {
  const area = ['20 7946', '161 496', '121 496'][Math.floor(n / 1000) % 3];
  return `+44 ${area} ${String(n % 1000).padStart(4, '0')}`;
}
