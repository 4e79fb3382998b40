import type { ActionName, Contracts, InputOf, OutputOf } from '@shared/contracts';
import { call } from './api';

/** Calls to function `oversight` (dashboard; later reports, rankings, archives). */
export type OversightAction = ActionName<'oversight'>;

export function callOversight<A extends OversightAction>(action: A, input: InputOf<Contracts['oversight'][A]>): Promise<OutputOf<Contracts['oversight'][A]>> {
  return call('oversight', action, input);
}
