/**
 * One declaration per entity. From these specs come the tabs (headers, notes, widths,
 * number formats, dropdowns, protections), the sidebar forms, the validation of every
 * write (validate.ts builds zod schemas from them) and the import mapping. Adding a field
 * is one edit here. Fields are those of docs/customer-card.md.
 */

export type EntityName =
  'customers' | 'contacts' | 'deals' | 'services' | 'activities' | 'settings';

export type FieldKind =
  | 'id'
  | 'text'
  | 'longtext'
  | 'email'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'number'
  | 'money'
  | 'currency'
  | 'enum'
  | 'ref'
  | 'tags'
  | 'boolean'
  | 'callWindow'
  | 'url'
  | 'country';

export interface FieldSpec {
  /** Property name in records and API JSON. */
  key: string;
  /** Column header in the tab (found by this text, wherever the user moved the column). */
  header: string;
  kind: FieldKind;
  /** Form label and the start of every error message about the field. */
  label: string;
  /** Help text under the form field and the header cell's note. */
  description: string;
  required: boolean;
  /** Written by Kartoteka only (ids, timestamps, who changed it): read-only in the UI. */
  system: boolean;
  /** Derived by Kartoteka's jobs (lifecycle stage), never typed. */
  computed?: boolean;
  options?: readonly string[];
  /** Options only Kartoteka writes (a reminder it sent): valid in the tab, not offered in forms. */
  systemOptions?: readonly string[];
  /** The entity a 'ref' field points to (by id). */
  ref?: EntityName;
  maxLength?: number;
  /** Column width in pixels. */
  width: number;
  /** Sheets number format of the column: '@' keeps text as typed. */
  numberFormat: string;
  placeholder?: string;
  /** Less common: the form keeps it under "More details" so entry stays quick. */
  advanced?: boolean;
  /** Shown only when another field has one of these values (e.g. company data). */
  showIf?: { field: string; equals: readonly string[] };
}

export interface EntitySpec {
  name: EntityName;
  /** The tab's name in the spreadsheet. */
  tab: string;
  /** "customer", for messages. */
  singular: string;
  /** Fields that make a record's title, joined ("Anna Nowak · Acme"). */
  titleFields: readonly string[];
  fields: readonly FieldSpec[];
}

/** Sheets' limit is 50,000 characters per cell; ours stay well below. */
export const CELL_CHARACTER_LIMIT = 50_000;
export const TEXT_MAX = 200;
export const LONG_TEXT_MAX = 10_000;

export const TEXT_FORMAT = '@';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONEY_FORMAT = '#,##0.00';

export const CHANNELS = ['email', 'phone', 'SMS', 'WhatsApp', 'Telegram'] as const;
export const LIFECYCLE_STAGES = [
  'lead',
  'new',
  'one-time',
  'returning',
  'top 20%',
  'ambassador',
  'slipping',
] as const;
export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const ACTIVITY_TYPES = [
  'call',
  'meeting',
  'negotiation',
  'email',
  'note',
  'reminder sent',
] as const;
export const PAID_STATUSES = ['yes', 'partial', 'no'] as const;
export const SOURCES = [
  'website',
  'referral',
  'social media',
  'advertising',
  'event',
  'cold outreach',
  'other',
] as const;
export const COMPANY_SIZES = ['1–9', '10–49', '50–249', '250+'] as const;

type FieldInput = Omit<
  FieldSpec,
  'label' | 'description' | 'required' | 'system' | 'width' | 'numberFormat'
> &
  Partial<
    Pick<FieldSpec, 'label' | 'description' | 'required' | 'system' | 'width' | 'numberFormat'>
  >;

const FORMAT_BY_KIND: Record<FieldKind, string> = {
  id: TEXT_FORMAT,
  text: TEXT_FORMAT,
  longtext: TEXT_FORMAT,
  email: TEXT_FORMAT,
  phone: TEXT_FORMAT,
  date: DATE_FORMAT,
  datetime: TEXT_FORMAT,
  number: '0',
  money: MONEY_FORMAT,
  currency: TEXT_FORMAT,
  enum: TEXT_FORMAT,
  ref: TEXT_FORMAT,
  tags: TEXT_FORMAT,
  boolean: 'General',
  callWindow: TEXT_FORMAT,
  url: TEXT_FORMAT,
  country: TEXT_FORMAT,
};

const WIDTH_BY_KIND: Partial<Record<FieldKind, number>> = {
  id: 110,
  longtext: 280,
  email: 200,
  phone: 140,
  date: 100,
  datetime: 170,
  money: 100,
  number: 80,
  currency: 70,
  boolean: 70,
  ref: 110,
  tags: 160,
  callWindow: 110,
  country: 70,
};

function field(input: FieldInput): FieldSpec {
  const label = input.label ?? input.header;
  return {
    ...input,
    label,
    description: input.description ?? label,
    required: input.required ?? false,
    system: input.system ?? false,
    width: input.width ?? WIDTH_BY_KIND[input.kind] ?? 150,
    numberFormat: input.numberFormat ?? FORMAT_BY_KIND[input.kind],
    maxLength:
      input.maxLength ??
      (input.kind === 'longtext'
        ? LONG_TEXT_MAX
        : ['text', 'url', 'email'].includes(input.kind)
          ? TEXT_MAX
          : undefined),
  };
}

const idField = (singular: string) =>
  field({
    key: 'id',
    header: 'ID',
    kind: 'id',
    system: true,
    description: `Kartoteka's id of this ${singular}; do not edit.`,
  });

/** Who changed what and when: the data is the company's, not one salesperson's. */
const auditFields = (singular: string): FieldSpec[] => [
  field({
    key: 'created',
    header: 'Created',
    kind: 'datetime',
    system: true,
    description: `When this ${singular} was added.`,
  }),
  field({
    key: 'createdBy',
    header: 'Created by',
    kind: 'email',
    system: true,
    description: 'Who added it.',
  }),
  field({
    key: 'updated',
    header: 'Updated',
    kind: 'datetime',
    system: true,
    description: 'Last change.',
  }),
  field({
    key: 'updatedBy',
    header: 'Updated by',
    kind: 'email',
    system: true,
    description: 'Who changed it last.',
  }),
  field({
    key: 'archived',
    header: 'Archived',
    kind: 'boolean',
    system: true,
    description: 'Archived records are kept but left out of lists, reminders and figures.',
  }),
];

/** The customer a contact, deal or activity belongs to. */
const customerRef = (description = 'The customer this belongs to.') =>
  field({
    key: 'customerId',
    header: 'Customer ID',
    kind: 'ref',
    ref: 'customers',
    required: true,
    label: 'Customer',
    description,
  });

const companyOnly = { field: 'type', equals: ['company'] } as const;
const personOnly = { field: 'type', equals: ['person', ''] } as const;

const ownerField = field({
  key: 'owner',
  header: 'Owner',
  kind: 'email',
  description: 'The team member responsible (their Google account email); reminders go to them.',
  placeholder: 'ana@yourcompany.com',
});

const channelField = field({
  key: 'preferredChannel',
  header: 'Preferred channel',
  kind: 'enum',
  options: CHANNELS,
  description: 'How they like to be contacted.',
});

const callWindowField = field({
  key: 'callWindow',
  header: 'Call window',
  kind: 'callWindow',
  description: 'When to call, e.g. 10:00–14:00.',
  placeholder: '10:00–14:00',
});

export const ENTITIES: Record<EntityName, EntitySpec> = {
  customers: {
    name: 'customers',
    tab: 'Customers',
    singular: 'customer',
    titleFields: ['name', 'company'],
    fields: [
      idField('customer'),
      field({
        key: 'name',
        header: 'Name',
        kind: 'text',
        required: true,
        description: 'Full name of the person, or the organisation name.',
        width: 180,
      }),
      field({
        key: 'type',
        header: 'Type',
        kind: 'enum',
        options: ['person', 'company'],
        description: 'A person (B2C) or an organisation (B2B).',
        width: 90,
      }),
      field({
        key: 'company',
        header: 'Company',
        kind: 'text',
        description: 'Organisation name (for a person: where they work).',
      }),
      field({
        key: 'email',
        header: 'Email',
        kind: 'email',
        description: 'One email or one phone is enough to start.',
        placeholder: 'name@example.com',
      }),
      field({
        key: 'phone',
        header: 'Phone',
        kind: 'phone',
        description: 'Stored in international form (+48…).',
        placeholder: '+48 600 100 200',
      }),
      channelField,
      callWindowField,
      field({
        key: 'birthday',
        header: 'Birthday',
        kind: 'date',
        description: 'For birthday reminders.',
        showIf: personOnly,
      }),
      field({
        key: 'gender',
        advanced: true,
        header: 'Gender',
        kind: 'enum',
        options: ['female', 'male', 'other'],
        width: 80,
        showIf: personOnly,
      }),
      field({ key: 'address', advanced: true, header: 'Address', kind: 'text', width: 200 }),
      field({ key: 'city', header: 'City', kind: 'text', width: 120 }),
      field({
        key: 'postalCode',
        advanced: true,
        header: 'Postal code',
        kind: 'text',
        width: 90,
        maxLength: 20,
        label: 'Postal code',
      }),
      field({
        key: 'country',
        advanced: true,
        header: 'Country',
        kind: 'country',
        description: 'Two-letter country code, e.g. PL.',
        placeholder: 'PL',
      }),
      field({
        key: 'taxId',
        advanced: true,
        header: 'Tax ID',
        kind: 'text',
        maxLength: 40,
        width: 120,
        description: 'VAT/NIP or other tax number.',
        showIf: companyOnly,
      }),
      field({
        key: 'industry',
        advanced: true,
        header: 'Industry',
        kind: 'text',
        showIf: companyOnly,
      }),
      field({
        key: 'website',
        advanced: true,
        header: 'Website',
        kind: 'url',
        showIf: companyOnly,
        placeholder: 'https://example.com',
      }),
      field({
        key: 'companySize',
        advanced: true,
        header: 'Company size',
        kind: 'enum',
        options: COMPANY_SIZES,
        width: 100,
        showIf: companyOnly,
        description: 'Number of employees.',
      }),
      field({
        key: 'consent',
        advanced: true,
        header: 'Consent',
        kind: 'boolean',
        label: 'Agreed to be contacted',
        description: 'They agreed to receive messages from us.',
      }),
      field({
        key: 'consentDate',
        advanced: true,
        header: 'Consent date',
        kind: 'date',
        showIf: { field: 'consent', equals: ['true'] },
      }),
      field({
        key: 'source',
        advanced: true,
        header: 'Source',
        kind: 'enum',
        options: SOURCES,
        description: 'How they found us.',
        width: 110,
      }),
      field({
        key: 'referredBy',
        advanced: true,
        header: 'Referred by',
        kind: 'ref',
        ref: 'customers',
        description: 'The customer who recommended us.',
      }),
      field({
        key: 'tags',
        header: 'Tags',
        kind: 'tags',
        description: 'Labels for segments, e.g. vip, wholesale.',
      }),
      field({
        key: 'interests',
        advanced: true,
        header: 'Interests',
        kind: 'tags',
        description: 'Product categories they care about.',
      }),
      field({
        key: 'persona',
        advanced: true,
        header: 'Persona',
        kind: 'text',
        maxLength: 60,
        width: 120,
        description: 'Your team’s customer profile, e.g. business traveller.',
      }),
      ownerField,
      field({
        key: 'followUp',
        header: 'Next follow-up',
        kind: 'date',
        label: 'Next follow-up',
        description: 'The owner gets a reminder on this day.',
      }),
      field({
        key: 'stageOverride',
        advanced: true,
        header: 'Stage override',
        kind: 'enum',
        options: LIFECYCLE_STAGES,
        description: 'Set only to overrule the computed stage (e.g. ambassador).',
        width: 110,
      }),
      field({
        key: 'lifecycle',
        header: 'Lifecycle stage',
        kind: 'enum',
        options: LIFECYCLE_STAGES,
        system: true,
        computed: true,
        description: 'Computed daily from purchase history.',
        width: 110,
      }),
      field({ key: 'notes', header: 'Notes', kind: 'longtext' }),
      ...auditFields('customer'),
    ],
  },
  contacts: {
    name: 'contacts',
    tab: 'Contacts',
    singular: 'contact',
    titleFields: ['name', 'role'],
    fields: [
      idField('contact'),
      customerRef('The organisation this person works at.'),
      field({ key: 'name', header: 'Name', kind: 'text', required: true, width: 180 }),
      field({
        key: 'role',
        header: 'Role',
        kind: 'text',
        description: 'e.g. decision maker, accountant, assistant.',
      }),
      field({ key: 'email', header: 'Email', kind: 'email', placeholder: 'name@example.com' }),
      field({ key: 'phone', header: 'Phone', kind: 'phone', placeholder: '+48 600 100 200' }),
      field({ key: 'birthday', header: 'Birthday', kind: 'date' }),
      channelField,
      callWindowField,
      field({ key: 'notes', header: 'Notes', kind: 'longtext' }),
      ...auditFields('contact'),
    ],
  },
  deals: {
    name: 'deals',
    tab: 'Deals',
    singular: 'deal',
    titleFields: ['title'],
    fields: [
      idField('deal'),
      customerRef(),
      field({
        key: 'contactId',
        advanced: true,
        header: 'Contact ID',
        kind: 'ref',
        ref: 'contacts',
        label: 'Contact',
        description: 'The person at the customer you deal with.',
      }),
      field({
        key: 'title',
        header: 'Title',
        kind: 'text',
        required: true,
        width: 200,
        description: 'What is being sold, in a few words.',
      }),
      field({
        key: 'serviceId',
        header: 'Service ID',
        kind: 'ref',
        ref: 'services',
        label: 'Service',
      }),
      field({
        key: 'stage',
        header: 'Stage',
        kind: 'enum',
        options: DEAL_STAGES,
        required: true,
        width: 100,
        description: 'lead → qualified → proposal → negotiation → won / lost.',
      }),
      field({
        key: 'amount',
        header: 'Amount',
        kind: 'money',
        description: 'Deal value, 0 or more.',
      }),
      field({
        key: 'currency',
        header: 'Currency',
        kind: 'currency',
        description: 'ISO 4217 code, e.g. PLN, EUR.',
        placeholder: 'PLN',
      }),
      field({
        key: 'expectedClose',
        header: 'Expected close',
        kind: 'date',
        label: 'Expected close date',
      }),
      field({
        key: 'closedDate',
        header: 'Closed',
        kind: 'date',
        label: 'Closed date',
        description: 'The purchase date of a won deal.',
        showIf: { field: 'stage', equals: ['won', 'lost'] },
      }),
      field({
        key: 'paid',
        advanced: true,
        header: 'Paid',
        kind: 'enum',
        options: PAID_STATUSES,
        width: 70,
      }),
      field({ key: 'nextStep', header: 'Next step', kind: 'text', width: 180 }),
      field({ key: 'nextStepDate', advanced: true, header: 'Next step date', kind: 'date' }),
      field({
        key: 'lostReason',
        advanced: true,
        header: 'Lost reason',
        kind: 'text',
        showIf: { field: 'stage', equals: ['lost'] },
      }),
      ownerField,
      field({ key: 'notes', header: 'Notes', kind: 'longtext' }),
      ...auditFields('deal'),
    ],
  },
  services: {
    name: 'services',
    tab: 'Services',
    singular: 'service',
    titleFields: ['name'],
    fields: [
      idField('service'),
      field({ key: 'name', header: 'Name', kind: 'text', required: true, width: 180 }),
      field({ key: 'category', header: 'Category', kind: 'text', width: 120 }),
      field({ key: 'price', header: 'List price', kind: 'money', label: 'List price' }),
      field({ key: 'currency', header: 'Currency', kind: 'currency', placeholder: 'PLN' }),
      field({ key: 'active', header: 'Active', kind: 'boolean', description: 'Still on offer.' }),
      field({ key: 'description', header: 'Description', kind: 'longtext' }),
      ...auditFields('service'),
    ],
  },
  activities: {
    name: 'activities',
    tab: 'Activity',
    singular: 'activity',
    titleFields: ['type', 'summary'],
    fields: [
      idField('activity'),
      customerRef(),
      field({ key: 'dealId', header: 'Deal ID', kind: 'ref', ref: 'deals', label: 'Deal' }),
      field({
        key: 'type',
        header: 'Type',
        kind: 'enum',
        options: ACTIVITY_TYPES,
        systemOptions: ['reminder sent'],
        required: true,
        width: 100,
      }),
      field({ key: 'date', header: 'Date', kind: 'date', required: true }),
      field({
        key: 'summary',
        header: 'Summary',
        kind: 'text',
        required: true,
        width: 240,
        description: 'What happened, in a sentence.',
      }),
      field({ key: 'outcome', header: 'Outcome', kind: 'text' }),
      field({
        key: 'nextFollowUp',
        header: 'Next follow-up',
        kind: 'date',
        label: 'Next follow-up',
        description: 'Optional: the owner gets a reminder on this day.',
      }),
      ...auditFields('activity'),
    ],
  },
  settings: {
    name: 'settings',
    tab: 'Settings',
    singular: 'setting',
    titleFields: ['key'],
    fields: [
      field({
        key: 'key',
        header: 'Setting',
        kind: 'text',
        required: true,
        system: true,
        description: 'Kartoteka reads these names; do not rename.',
      }),
      field({
        key: 'value',
        header: 'Value',
        kind: 'text',
        description: 'Change the value to adjust Kartoteka.',
      }),
      field({ key: 'description', header: 'Meaning', kind: 'text', system: true, width: 360 }),
    ],
  },
};

/** The Settings tab's rows: key, default value, meaning. Setup adds missing ones. */
export const SETTINGS_DEFAULTS: ReadonlyArray<{ key: string; value: string; description: string }> =
  [
    {
      key: 'defaultCountry',
      value: 'PL',
      description: 'Country for phone numbers typed without +code (ISO 3166 code).',
    },
    {
      key: 'defaultCurrency',
      value: 'PLN',
      description: 'Currency of amounts typed without one (ISO 4217 code).',
    },
    {
      key: 'newWindowDays',
      value: '30',
      description: 'A first purchase within this many days makes a customer "new".',
    },
    {
      key: 'topShare',
      value: '0.2',
      description: 'Share of buying customers with the highest total value tagged "top 20%".',
    },
    {
      key: 'slippingFactor',
      value: '2',
      description: 'Slipping when days since last purchase exceed this many times their usual gap.',
    },
    {
      key: 'slippingDays',
      value: '90',
      description: 'Slipping, for one-time buyers, after this many days without a purchase.',
    },
  ];

export const RECORD_ENTITIES: readonly EntityName[] = [
  'customers',
  'contacts',
  'deals',
  'services',
  'activities',
];

/** A record's title from its spec's title fields ("Anna Nowak · Acme"), else its id. */
export function recordTitle(spec: EntitySpec, record: Record<string, unknown>): string {
  const parts = spec.titleFields
    .map((key) => record[key])
    .filter((value) => value !== null && value !== undefined && value !== '')
    .map(String);
  return parts.join(' · ') || String(record.id ?? '');
}
