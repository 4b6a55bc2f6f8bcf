/**
 * The sidebar's icons: small line drawings on a 24 px grid, built as SVG elements (never
 * from markup strings), drawn in the current text colour so they follow the theme. Every
 * icon is decorative (aria-hidden): the button or link that holds it carries the name.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** Stroked paths ("M… "), and filled dots as "dot:x,y,r". */
const ICONS = {
  search: ['M10.5 4.5a6 6 0 1 0 0 12a6 6 0 1 0 0-12z', 'M15 15l5 5'],
  plus: ['M12 5v14', 'M5 12h14'],
  more: ['dot:5.5,12,1.7', 'dot:12,12,1.7', 'dot:18.5,12,1.7'],
  back: ['M19 12H5', 'M11 6l-6 6 6 6'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  chevronDown: ['M7 10l5 5 5-5'],
  phone: [
    'M6.5 3.5h3l1.5 4.5-2 1.5a10.5 10.5 0 0 0 5.5 5.5l1.5-2 4.5 1.5v3a2 2 0 0 1-2 2A15.5 15.5 0 0 1 4.5 5.5a2 2 0 0 1 2-2z',
  ],
  mail: ['M4 6h16v12H4z', 'M4 7l8 6 8-6'],
  log: ['M4 5h16v11H9l-5 4z', 'M8 9.5h8', 'M8 12.5h5'],
  deal: ['M3.5 12.5l9-9H20v6.5l-9 9z', 'dot:16,8,1.5'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4'],
  personAdd: [
    'M9 4.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z',
    'M2.5 20a6.5 6.5 0 0 1 13 0',
    'M19 8v6',
    'M16 11h6',
  ],
  person: ['M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8z', 'M4.5 20.5a7.5 7.5 0 0 1 15 0'],
  archive: ['M3.5 4.5h17v4h-17z', 'M5 8.5V19h14V8.5', 'M10 12.5h4'],
  undo: ['M9 14L4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  settings: ['M4 7h9', 'M17 7h3', 'M4 17h3', 'M11 17h9', 'M15 4.5v5', 'M9 14.5v5'],
  help: [
    'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z',
    'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7',
    'dot:12,16.8,1.1',
  ],
  check: ['M6 4.5h12v16H6z', 'M9.5 12.5l2 2 3.5-4'],
  row: ['M3.5 5h17v14h-17z', 'M3.5 10h17', 'M3.5 14.5h17', 'M9 5v14'],
  calendar: ['M4 6h16v14H4z', 'M4 10.5h16', 'M8.5 3.5v4', 'M15.5 3.5v4'],
  meeting: [
    'M9 5.5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
    'M3 19.5a6 6 0 0 1 12 0',
    'M16.5 7a2.5 2.5 0 1 1 0 5',
    'M17.5 14.5a5 5 0 0 1 3.5 5',
  ],
  negotiation: ['M3.5 4.5h11v8H8l-4.5 3.5z', 'M17.5 9h3v10l-3.5-3H10v-2'],
  note: ['M6 3.5h8.5l4 4v13H6z', 'M14 3.5V8h4.5', 'M9 13h6.5', 'M9 16.5h4.5'],
  bell: ['M6.5 16.5V11a5.5 5.5 0 0 1 11 0v5.5l1.5 1.5H5z', 'M10 20.5a2 2 0 0 0 4 0'],
  clock: ['M12 4a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17z', 'M12 8.5v4l3 2'],
  openCell: ['M7 17L17 7', 'M9.5 7H17v7.5'],
  sort: ['M7.5 4.5v15', 'M4.5 16.5l3 3 3-3', 'M16.5 19.5v-15', 'M13.5 7.5l3-3 3 3'],
  cake: [
    'M4.5 20h15v-7h-15z',
    'M4.5 16c2.5 1.5 5 1.5 7.5 0s5-1.5 7.5 0',
    'M12 13V9.5',
    'M12 5.5v1',
  ],
  flag: ['M5.5 21V4', 'M5.5 4.5h11l-2 3.5 2 3.5h-11'],
  done: ['M5 12.5l4.5 4.5L19 7.5'],
  snooze: [
    'M12 4.5a8 8 0 1 0 0 16a8 8 0 1 0 0-16z',
    'M12 8.5v4h3.5',
    'M4 4.5l2.5-2',
    'M20 4.5l-2.5-2',
  ],
  chart: ['M4 20h16', 'M6.5 20v-6', 'M11 20V8', 'M15.5 20v-9', 'M20 20V5'],
  refresh: ['M19.5 12a7.5 7.5 0 1 1-2.2-5.3', 'M19.5 4v4h-4'],
} as const;

export type IconName = keyof typeof ICONS;

export function icon(name: IconName, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const part of ICONS[name]) {
    if (part.startsWith('dot:')) {
      const [cx, cy, r] = part.slice(4).split(',');
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', cx);
      dot.setAttribute('cy', cy);
      dot.setAttribute('r', r);
      dot.setAttribute('fill', 'currentColor');
      svg.appendChild(dot);
    } else {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', part);
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '1.8');
      path.setAttribute('stroke-linecap', 'round');
      path.setAttribute('stroke-linejoin', 'round');
      svg.appendChild(path);
    }
  }
  return svg;
}

/** The icon of an activity type on the timeline (a type added later gets the note icon). */
export function activityIcon(type: string | null | undefined): IconName {
  const byType: Record<string, IconName> = {
    call: 'phone',
    meeting: 'meeting',
    negotiation: 'negotiation',
    email: 'mail',
    note: 'note',
    'reminder sent': 'bell',
  };
  return byType[String(type ?? '')] ?? 'note';
}
