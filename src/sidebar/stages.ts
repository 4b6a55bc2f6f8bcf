/**
 * What a stage's colour means, one meaning per colour across the sidebar:
 * grey — not buying yet or closed without a sale; blue — new or in progress; green —
 * buying and coming back; gold — the most valuable; purple — recommends us; red — at risk.
 * A stage the list does not know yet is grey: never a colour that claims something.
 */
const TONES: Record<string, string> = {
  // Customer lifecycle
  lead: 'neutral',
  new: 'info',
  'one-time': 'info',
  returning: 'good',
  'top 20%': 'gold',
  ambassador: 'purple',
  slipping: 'risk',
  // Deal stages
  qualified: 'info',
  proposal: 'info',
  negotiation: 'info',
  won: 'good',
  lost: 'neutral',
};

export function stageTone(stage: string): string {
  return TONES[stage] ?? 'neutral';
}

/** The meaning in words, for the pill's tooltip and for screen readers. */
export function toneMeaning(stage: string): string {
  const meanings: Record<string, string> = {
    neutral: 'not buying yet',
    info: 'new or in progress',
    good: 'buying and coming back',
    gold: 'among the most valuable',
    purple: 'recommends us',
    risk: 'at risk: act now',
  };
  if (stage === 'lost') return 'closed without a sale';
  return meanings[stageTone(stage)] ?? '';
}
