import '../zodLocale';
import type { z } from 'zod';

/**
 * An action's contract: its zod input schema plus (type-only) its output. The functions validate
 * with `input`; the mini-program and the console infer request and response types from the same
 * object, so a renamed field breaks the build instead of production.
 */
export interface ActionContract<I extends z.ZodType, O> {
  input: I;
  /** Phantom field carrying the output type; never set at runtime. */
  readonly __output?: O;
}

export function contract<O>() {
  return <I extends z.ZodType>(input: I): ActionContract<I, O> => ({ input });
}

export type ContractMap = Record<string, ActionContract<z.ZodType, unknown>>;
export type InputOf<C> = C extends ActionContract<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ActionContract<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;
