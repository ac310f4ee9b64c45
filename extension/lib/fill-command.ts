import { setActionNotice } from './badge.ts';
import type { RelayConnection } from './relay-connection.ts';

export const FILL_COMMAND = 'fill-newest-code';

/** The keyboard shortcut: fill, and say why not in the action's tooltip (no popup is open to show it). */
export async function runFillCommand(connection: Pick<RelayConnection, 'fillNewest'>): Promise<void> {
  const outcome = await connection.fillNewest();
  await setActionNotice(outcome.ok ? null : outcome.message);
}
