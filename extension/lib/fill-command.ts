import { setActionNotice } from './badge.ts';
import type { FillPolicy } from './fill-policy.ts';

export const FILL_COMMAND = 'fill-newest-code';

/** The keyboard shortcut: fill, and say why not in the action's tooltip (no popup is open to show it). */
export async function runFillCommand(fill: Pick<FillPolicy, 'fillNewest'>): Promise<void> {
  const outcome = await fill.fillNewest();
  await setActionNotice(outcome.ok ? null : outcome.message);
}
