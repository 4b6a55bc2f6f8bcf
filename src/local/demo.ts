/**
 * The embedded default workbook `npm start` opens when there is no workbook file yet:
 * the tabs set up and a small card index to try things on. Everything is written through
 * the built bundle's own entry points, exactly as a user of the sidebar would write it.
 */
import type { Runtime } from './runtime-api';

interface DemoCustomer {
  customer: Record<string, unknown>;
  deals: Array<Record<string, unknown>>;
  activities: Array<Record<string, unknown>>;
}

const DEMO: DemoCustomer[] = [
  {
    customer: {
      name: 'Anna Nowak',
      type: 'person',
      email: 'anna.nowak@example.com',
      phone: '+48 601 200 300',
      city: 'Kraków',
      country: 'PL',
      birthday: '1986-04-12',
      preferredChannel: 'phone',
      callWindow: '10:00–14:00',
      source: 'referral',
      tags: 'vip',
      consent: true,
      consentDate: '2025-01-10',
    },
    deals: [
      {
        title: 'Kitchen design',
        stage: 'won',
        amount: 4200,
        currency: 'PLN',
        closedDate: '2025-06-03',
        paid: 'yes',
      },
      {
        title: 'Lighting upgrade',
        stage: 'won',
        amount: 1350,
        currency: 'PLN',
        closedDate: '2025-11-20',
        paid: 'yes',
      },
      {
        title: 'Bathroom refresh',
        stage: 'proposal',
        amount: 6800,
        currency: 'PLN',
        expectedClose: '2026-12-15',
        nextStep: 'Send the revised quote',
      },
    ],
    activities: [
      {
        type: 'call',
        date: '2025-11-18',
        summary: 'Talked through the lighting options',
        nextFollowUp: '2026-11-25',
      },
    ],
  },
  {
    customer: {
      name: 'Hotel Wawel Sp. z o.o.',
      type: 'company',
      company: 'Hotel Wawel Sp. z o.o.',
      email: 'biuro@hotel-wawel.example',
      phone: '+48 12 400 50 60',
      city: 'Kraków',
      country: 'PL',
      taxId: '6762461234',
      industry: 'Hospitality',
      companySize: '50–249',
      source: 'event',
      tags: 'b2b, hotel',
    },
    deals: [
      {
        title: 'Lobby furniture',
        stage: 'won',
        amount: 28500,
        currency: 'PLN',
        closedDate: '2025-03-14',
        paid: 'partial',
      },
      {
        title: 'Room refurbishment, phase 2',
        stage: 'negotiation',
        amount: 96000,
        currency: 'PLN',
        expectedClose: '2026-11-10',
        nextStep: 'Meet the facilities manager',
      },
    ],
    activities: [{ type: 'meeting', date: '2026-10-02', summary: 'Site visit with the manager' }],
  },
  {
    customer: {
      name: 'Tomasz Wiśniewski',
      type: 'person',
      email: 'tomasz.w@example.com',
      city: 'Gdańsk',
      country: 'PL',
      birthday: '1979-11-26',
      preferredChannel: 'email',
      source: 'website',
      tags: 'newsletter',
    },
    deals: [
      {
        title: 'Garden office',
        stage: 'won',
        amount: 12900,
        currency: 'PLN',
        closedDate: '2025-02-21',
        paid: 'yes',
      },
    ],
    activities: [],
  },
  {
    customer: {
      name: 'Eva Horáková',
      type: 'person',
      email: 'eva.horakova@example.cz',
      phone: '+420 601 123 456',
      city: 'Brno',
      country: 'CZ',
      preferredChannel: 'WhatsApp',
      source: 'social media',
      referredBy: 'Anna Nowak',
    },
    deals: [
      {
        title: 'Consultation',
        stage: 'qualified',
        amount: 900,
        currency: 'EUR',
        expectedClose: '2026-12-01',
      },
    ],
    activities: [{ type: 'email', date: '2026-11-12', summary: 'Sent the portfolio' }],
  },
  {
    customer: {
      name: 'Marek Zieliński',
      type: 'person',
      phone: '+48 502 111 222',
      city: 'Warszawa',
      country: 'PL',
      source: 'cold outreach',
      followUp: '2026-11-24',
    },
    deals: [],
    activities: [{ type: 'call', date: '2026-11-20', summary: 'Interested in a quote next week' }],
  },
];

function saveOrThrow(runtime: Runtime, entity: string, input: Record<string, unknown>): string {
  const result = runtime.run<{ ok: boolean; record?: { id: string }; error?: string }>(
    'saveRecord',
    [entity, input, { confirmDuplicate: true }],
    { source: 'script-run' },
  );
  if (!result.ok || !result.value?.ok || !result.value.record) {
    throw new Error(
      `Demo data: could not save a ${entity}: ${JSON.stringify(result.error ?? result.value)}`,
    );
  }
  return result.value.record.id;
}

/** The local runtime's default user (runtime.ts DEFAULT_USER): whoever runs `npm start`. */
const DEMO_OWNER = 'owner@example.com';

export function seedDemoWorkbook(runtime: Runtime): void {
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(`Demo data: Set up tabs failed: ${setup.error?.message}`);
  const ids = new Map<string, string>();
  for (const { customer, deals, activities } of DEMO) {
    const referredBy =
      typeof customer.referredBy === 'string' ? ids.get(customer.referredBy) : undefined;
    // Owned by the person running the demo, so their reminders reach the outbox.
    const id = saveOrThrow(runtime, 'customers', { owner: DEMO_OWNER, ...customer, referredBy });
    ids.set(String(customer.name), id);
    for (const deal of deals) saveOrThrow(runtime, 'deals', { ...deal, customerId: id });
    for (const activity of activities)
      saveOrThrow(runtime, 'activities', { ...activity, customerId: id });
  }
}
