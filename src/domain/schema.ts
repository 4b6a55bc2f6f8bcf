/**
 * One declaration per entity. From these specs come the tabs (headers, notes, widths,
 * number formats, dropdowns, protections), the sidebar forms, the validation of every
 * write (validate.ts builds zod schemas from them) and the import mapping. Adding a field
 * is one edit here. Fields are those of docs/customer-card.md.
 */

import {
  CELL_CHARACTER_LIMIT,
  FIELD_KINDS,
  type FieldKind,
  type FieldValue,
  type KindValue,
} from './field-kinds';

export {
  CELL_CHARACTER_LIMIT,
  DATE_FORMAT,
  DATETIME_FORMAT,
  LONG_TEXT_MAX,
  MONEY_FORMAT,
  TEXT_FORMAT,
  TEXT_MAX,
  type FieldKind,
  type FieldValue,
} from './field-kinds';

export type EntityName =
  'customers' | 'contacts' | 'deals' | 'services' | 'activities' | 'settings' | 'log' | 'history';

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
  /** A 'refTitle' field: the key of the reference field whose record's title it shows. */
  titleOf?: string;
  /** The referenced entity's singular ("customer"), for messages; filled from `ref`. */
  refSingular?: string;
  /** A date that cannot lie after today (a birthday). */
  notInFuture?: boolean;
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

/**
 * Rules across the fields of a record, as data: validate.ts has one checker per rule kind
 * (a complete map), so no rule depends on an entity's or a field's name.
 */
export type RecordRule =
  /** At least one of these fields has a value ("one email or one phone is enough"). */
  | { kind: 'atLeastOne'; fields: readonly string[]; message: string }
  /** An amount given without a currency is in the workbook's default currency. */
  | { kind: 'defaultCurrency'; currency: string; amount: string };

export interface EntitySpec {
  name: EntityName;
  /** The tab's name in the spreadsheet. */
  tab: string;
  /** "customer", for messages. */
  singular: string;
  /** Fields that make a record's title, joined ("Anna Nowak · Acme"). */
  titleFields: readonly string[];
  fields: readonly FieldSpec[];
  rules?: readonly RecordRule[];
  /** A user adds and edits these as rows (Settings has its own key/value rows). */
  record: boolean;
}

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
/** Stages after which a deal is no longer worked on. */
export const CLOSED_DEAL_STAGES: readonly string[] = ['won', 'lost'];
export const ACTIVITY_TYPES = [
  'call',
  'meeting',
  'negotiation',
  'email',
  'note',
  'reminder sent',
  'stage change',
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
/** What Kartoteka's own jobs record in the Log tab. */
export const LOG_KINDS = ['stage change', 'reminder sent', 'job run', 'import', 'merge'] as const;
/** What one History row records of an import or a merge, for Undo to put back. */
export const HISTORY_CHANGES = ['added', 'updated', 'archived'] as const;

export const COMPANY_SIZES = ['1–9', '10–49', '50–249', '250+'] as const;

type FieldInput<K extends string, T extends FieldKind> = Omit<
  FieldSpec,
  'key' | 'kind' | 'label' | 'description' | 'required' | 'system' | 'width' | 'numberFormat'
> &
  Partial<
    Pick<FieldSpec, 'label' | 'description' | 'required' | 'system' | 'width' | 'numberFormat'>
  > & { key: K; kind: T };

/** A field spec that keeps its key and kind as literal types, so records can be typed. */
export type TypedField<K extends string, T extends FieldKind> = FieldSpec & { key: K; kind: T };

function field<const K extends string, const T extends FieldKind>(
  input: FieldInput<K, T>,
): TypedField<K, T> {
  const label = input.label ?? input.header;
  const kind = FIELD_KINDS[input.kind];
  return {
    ...input,
    label,
    description: input.description ?? label,
    required: input.required ?? false,
    system: input.system ?? false,
    width: input.width ?? kind.width,
    numberFormat: input.numberFormat ?? kind.numberFormat,
    maxLength: input.maxLength ?? kind.maxLength,
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
const auditFields = (singular: string) =>
  [
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
  ] as const;

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

/**
 * The readable companion of a reference column: the referenced record's title, written
 * by Kartoteka on every save of the row and kept current when that record is renamed
 * (src/server/ref-titles.ts). Declared right after its reference field, so a new tab has
 * it beside the id it explains.
 */
function refTitle<const K extends string>(titleOf: K, header: string, description: string) {
  return field({
    key: `${titleOf}Title`,
    header,
    kind: 'refTitle',
    titleOf,
    system: true,
    description,
  });
}

const customerTitle = refTitle(
  'customerId',
  'Customer name',
  'The customer\u2019s name, filled in by Kartoteka from Customer ID; edits here are overwritten.',
);

/** What the lifecycle recompute writes on each customer's row: derived, never typed. */
const computed = { system: true, computed: true } as const;
const lifecycleColumns = [
  field({
    key: 'stageReason',
    header: 'Stage reason',
    kind: 'text',
    ...computed,
    width: 260,
    maxLength: 500,
    description: 'Why the customer is at this stage, in words.',
  }),
  field({
    key: 'stageSince',
    header: 'Stage since',
    kind: 'date',
    ...computed,
    description: 'When the lifecycle stage last changed.',
  }),
  field({
    key: 'isTop',
    header: 'Top 20%',
    kind: 'boolean',
    ...computed,
    description: 'Among the top share of buying customers by total spent (Settings: topShare).',
  }),
  field({
    key: 'isAmbassador',
    header: 'Ambassador',
    kind: 'boolean',
    ...computed,
    description:
      'Referred customers who bought (Settings: ambassadorReferrals), or tagged "ambassador".',
  }),
  field({
    key: 'chanceActive',
    header: 'Chance active',
    kind: 'number',
    ...computed,
    numberFormat: '0%',
    description:
      'Chance the customer is still buying (BG/NBD model fitted on this workbook); empty when the model is not used.',
  }),
  field({
    key: 'expectedPurchases90',
    header: 'Expected purchases (90 days)',
    kind: 'number',
    ...computed,
    numberFormat: '0.00',
    width: 110,
    description: 'Purchases the model expects from this customer in the next 90 days.',
  }),
  field({
    key: 'purchases',
    header: 'Purchases',
    kind: 'number',
    ...computed,
    description: 'Days with a won deal (several on one day count once).',
  }),
  field({ key: 'firstPurchase', header: 'First purchase', kind: 'date', ...computed }),
  field({ key: 'lastPurchase', header: 'Last purchase', kind: 'date', ...computed }),
  field({
    key: 'totalSpent',
    header: 'Total spent',
    kind: 'money',
    ...computed,
    description:
      'Won deals, in the default currency (others converted with Settings: exchangeRates).',
  }),
  field({ key: 'averagePurchase', header: 'Average purchase', kind: 'money', ...computed }),
  field({
    key: 'daysSinceLastPurchase',
    header: 'Days since last purchase',
    kind: 'number',
    ...computed,
    width: 100,
  }),
  field({
    key: 'usualGap',
    header: 'Usual gap (days)',
    kind: 'number',
    ...computed,
    description: 'Median days between purchases: the customer\u2019s own rhythm.',
  }),
  field({ key: 'categoriesBought', header: 'Categories bought', kind: 'tags', ...computed }),
] as const;

const reachable: RecordRule = {
  kind: 'atLeastOne',
  fields: ['email', 'phone'],
  message: 'Email or phone: give at least one way to reach them',
};

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

const ENTITY_SPECS = {
  customers: {
    name: 'customers',
    tab: 'Customers',
    singular: 'customer',
    titleFields: ['name', 'company'],
    record: true,
    rules: [reachable],
    fields: [
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
        notInFuture: true,
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
      refTitle(
        'referredBy',
        'Referred by name',
        'The name of the customer who recommended us, filled in by Kartoteka; edits here are overwritten.',
      ),
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
      field({ key: 'notes', header: 'Notes', kind: 'longtext' }),
      ...auditFields('customer'),
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
      ...lifecycleColumns,
      // Last, so that the columns of workbooks made before it keep their places.
      field({
        key: 'customerNumber',
        advanced: true,
        header: 'Customer number',
        kind: 'text',
        maxLength: 40,
        width: 110,
        description:
          'Your own number for this customer (from accounting or an older list); imports can match on it.',
      }),
      idField('customer'),
    ],
  },
  contacts: {
    name: 'contacts',
    tab: 'Contacts',
    singular: 'contact',
    titleFields: ['name', 'role'],
    record: true,
    rules: [reachable],
    fields: [
      customerRef('The organisation this person works at.'),
      customerTitle,
      field({ key: 'name', header: 'Name', kind: 'text', required: true, width: 180 }),
      field({
        key: 'role',
        header: 'Role',
        kind: 'text',
        description: 'e.g. decision maker, accountant, assistant.',
      }),
      field({ key: 'email', header: 'Email', kind: 'email', placeholder: 'name@example.com' }),
      field({ key: 'phone', header: 'Phone', kind: 'phone', placeholder: '+48 600 100 200' }),
      field({ key: 'birthday', header: 'Birthday', kind: 'date', notInFuture: true }),
      channelField,
      callWindowField,
      field({ key: 'notes', header: 'Notes', kind: 'longtext' }),
      ...auditFields('contact'),
      idField('contact'),
    ],
  },
  deals: {
    name: 'deals',
    tab: 'Deals',
    singular: 'deal',
    titleFields: ['title'],
    record: true,
    rules: [{ kind: 'defaultCurrency', currency: 'currency', amount: 'amount' }],
    fields: [
      customerRef(),
      customerTitle,
      field({
        key: 'contactId',
        advanced: true,
        header: 'Contact ID',
        kind: 'ref',
        ref: 'contacts',
        label: 'Contact',
        description: 'The person at the customer you deal with.',
      }),
      refTitle(
        'contactId',
        'Contact name',
        'The contact\u2019s name, filled in by Kartoteka from Contact ID; edits here are overwritten.',
      ),
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
      refTitle(
        'serviceId',
        'Service name',
        'The service\u2019s name, filled in by Kartoteka from Service ID; edits here are overwritten.',
      ),
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
        showIf: { field: 'stage', equals: CLOSED_DEAL_STAGES },
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
      idField('deal'),
    ],
  },
  services: {
    name: 'services',
    tab: 'Services',
    singular: 'service',
    titleFields: ['name'],
    record: true,
    rules: [{ kind: 'defaultCurrency', currency: 'currency', amount: 'price' }],
    fields: [
      field({ key: 'name', header: 'Name', kind: 'text', required: true, width: 180 }),
      field({ key: 'category', header: 'Category', kind: 'text', width: 120 }),
      field({ key: 'price', header: 'List price', kind: 'money', label: 'List price' }),
      field({ key: 'currency', header: 'Currency', kind: 'currency', placeholder: 'PLN' }),
      field({ key: 'active', header: 'Active', kind: 'boolean', description: 'Still on offer.' }),
      field({ key: 'description', header: 'Description', kind: 'longtext' }),
      ...auditFields('service'),
      idField('service'),
    ],
  },
  activities: {
    name: 'activities',
    tab: 'Activity',
    singular: 'activity',
    titleFields: ['type', 'summary'],
    record: true,
    fields: [
      customerRef(),
      customerTitle,
      field({ key: 'dealId', header: 'Deal ID', kind: 'ref', ref: 'deals', label: 'Deal' }),
      refTitle(
        'dealId',
        'Deal title',
        'The deal\u2019s title, filled in by Kartoteka from Deal ID; edits here are overwritten.',
      ),
      field({
        key: 'type',
        header: 'Type',
        kind: 'enum',
        options: ACTIVITY_TYPES,
        systemOptions: ['reminder sent', 'stage change'],
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
      idField('activity'),
    ],
  },
  settings: {
    name: 'settings',
    tab: 'Settings',
    singular: 'setting',
    titleFields: ['key'],
    record: false,
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
  log: {
    // Written only by Kartoteka's jobs, never by the sidebar: a job that runs without the
    // document lock (a time-driven trigger has none) then cannot collide with a save.
    name: 'log',
    tab: 'Log',
    singular: 'log entry',
    titleFields: ['summary'],
    record: false,
    fields: [
      field({ key: 'date', header: 'Date', kind: 'date', system: true }),
      field({
        key: 'kind',
        header: 'Kind',
        kind: 'enum',
        options: LOG_KINDS,
        system: true,
        width: 110,
      }),
      field({
        key: 'customerId',
        header: 'Customer ID',
        kind: 'ref',
        ref: 'customers',
        system: true,
        label: 'Customer',
      }),
      customerTitle,
      field({
        key: 'summary',
        header: 'Summary',
        kind: 'text',
        system: true,
        width: 320,
        maxLength: 500,
      }),
      field({
        key: 'recipient',
        header: 'Recipient',
        kind: 'email',
        system: true,
        description: 'Who the reminder went to.',
      }),
      field({
        key: 'key',
        header: 'Reminder key',
        kind: 'text',
        system: true,
        width: 220,
        description:
          'Which reminder this was (rule, record, due date): the same key is never sent twice in a day.',
      }),
      field({ key: 'created', header: 'Logged at', kind: 'datetime', system: true }),
      field({ key: 'createdBy', header: 'Logged by', kind: 'email', system: true }),
      idField('log entry'),
    ],
  },
  history: {
    // What each import and merge changed, row by row, so that Undo can put back exactly
    // what was there (and see what someone edited since). Written under the document lock.
    name: 'history',
    tab: 'History',
    singular: 'history entry',
    titleFields: ['operation', 'change'],
    record: false,
    fields: [
      field({
        key: 'operation',
        header: 'Operation',
        kind: 'text',
        system: true,
        width: 220,
        description: 'The import or merge this change belongs to (its id, as in the Log tab).',
      }),
      field({
        key: 'entity',
        header: 'Tab',
        kind: 'text',
        system: true,
        width: 90,
        description: 'Which kind of record changed (customers, contacts, deals…).',
      }),
      field({
        key: 'change',
        header: 'Change',
        kind: 'enum',
        options: HISTORY_CHANGES,
        system: true,
        width: 90,
      }),
      field({
        key: 'before',
        header: 'Before',
        kind: 'longtext',
        system: true,
        maxLength: CELL_CHARACTER_LIMIT,
        description: 'The fields as they were (JSON): what Undo writes back.',
      }),
      field({
        key: 'after',
        header: 'After',
        kind: 'longtext',
        system: true,
        maxLength: CELL_CHARACTER_LIMIT,
        description:
          'The fields as the change left them (JSON): Undo refuses when they differ now.',
      }),
      field({ key: 'created', header: 'Logged at', kind: 'datetime', system: true }),
      field({ key: 'createdBy', header: 'Logged by', kind: 'email', system: true }),
      field({ key: 'recordId', header: 'Record ID', kind: 'text', system: true, width: 60 }),
      idField('history entry'),
    ],
  },
} satisfies Record<EntityName, EntitySpec>;

export const ENTITIES: Record<EntityName, EntitySpec> = ENTITY_SPECS;

for (const spec of Object.values(ENTITIES)) {
  for (const fieldSpec of spec.fields) {
    if (fieldSpec.ref) fieldSpec.refSingular = ENTITIES[fieldSpec.ref].singular;
  }
}

type FieldsOf<E extends EntityName> = (typeof ENTITY_SPECS)[E]['fields'][number];

/**
 * A record of entity E as JSON, typed from the schema: `RecordOf<'deals'>['amount']` is
 * `number | null`. Fields are optional because a tab may lack a column (Setup reports it).
 */
export type RecordOf<E extends EntityName> = {
  [F in FieldsOf<E> as F['key']]?: KindValue<F['kind']>;
};

/** A record of any entity, for code that works on every tab alike (tables, forms, import). */
export type AnyRecord = { [key: string]: FieldValue | undefined };

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
      description:
        'Rhythm rule: slipping when days since last purchase exceed this many times their usual gap.',
    },
    {
      key: 'slippingDays',
      value: '90',
      description: 'Slipping, for one-time buyers, after this many days without a purchase.',
    },
    {
      key: 'slippingChance',
      value: '0.3',
      description:
        'Repeat buyers slip when their chance of still being active falls below this (used when the workbook has enough repeat buyers for the model).',
    },
    {
      key: 'ambassadorReferrals',
      value: '1',
      description: 'Referring this many customers who bought makes an ambassador.',
    },
    {
      key: 'exchangeRates',
      value: '',
      description:
        'Rates to the default currency for deals in other currencies, e.g. EUR=4.30; USD=3.95.',
    },
    {
      key: 'birthdayLeadDays',
      value: '3',
      description: 'Birthday reminders start this many days before the day (0 = on the day).',
    },
    {
      key: 'birthdaySuggestion',
      value: 'call, congratulate, or send a gift',
      description: 'What the birthday reminder suggests doing.',
    },
    {
      key: 'birthdayMaxLateDays',
      value: '3',
      description:
        'A birthday that passed while reminders did not run is still sent up to this many days late (0 to 30), then dropped.',
    },
    {
      key: 'closeLeadDays',
      value: '3',
      description:
        "Open deals: remind this many days before the expected close date, and every day after it until it's won, lost or moved.",
    },
    {
      key: 'oneTimeNudgeDays',
      value: '60',
      description: 'Remind when a one-time buyer reaches this many days without a second purchase.',
    },
    {
      key: 'totalThreshold',
      value: '',
      description:
        "Remind when a customer's total spent crosses this amount (default currency, e.g. 10000). Empty = off.",
    },
    {
      key: 'cadence',
      value:
        'lead=7/21; new=14/30; one-time=30/60; returning=30/90; top 20%=14/45; ambassador=30/90; slipping=7/14',
      description:
        'Days between contacts per lifecycle stage, ideal/maximum (yellow past the ideal, red past the maximum); stage=off turns a stage off.',
    },
    {
      key: 'seasonalGreetings',
      value: '',
      description:
        'Greeting reminders for customers who agreed to be contacted, e.g. 01-01 New Year; 12-24 Christmas Eve. Empty = off.',
    },
    {
      key: 'defaultRecipient',
      value: '',
      description:
        'Who gets reminders about records without an owner (an email). Empty = they are only reported.',
    },
  ];

/** The entities a user adds and edits as rows, in the order the sidebar offers them. */
export const RECORD_ENTITIES: readonly EntityName[] = (
  Object.keys(ENTITIES) as EntityName[]
).filter((name) => ENTITIES[name].record);

/** Fields a user (or an import) may set: never ids, timestamps, authors or computed values. */
export function inputFields(spec: EntitySpec): readonly FieldSpec[] {
  return spec.fields.filter((f) => !f.system && !f.computed);
}

/**
 * A record's title from its spec's title fields ("Anna Nowak · Acme"), else its id. A part
 * equal to an earlier one is left out: a company whose name is its company name reads
 * "Hotel Wawel Sp. z o.o.", not the name twice.
 */
export function recordTitle(spec: EntitySpec, record: AnyRecord): string {
  const parts: string[] = [];
  for (const key of spec.titleFields) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    const same = (part: string) => part.toLowerCase() === text.toLowerCase();
    if (text && !parts.some(same)) parts.push(text);
  }
  return parts.join(' · ') || String(record.id ?? '');
}
