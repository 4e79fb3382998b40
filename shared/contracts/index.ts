import { orgContracts } from './org';
import { identityContracts } from './identity';
import { statsContracts } from './stats';
import { staffContracts } from './staff';
import { importsContracts } from './imports';
import { filesContracts } from './files';
import { learningFunctionContracts } from './learning';
import { oversightContracts } from './oversight';
import { examFunctionContracts } from './exam';

/** Every cloud function and its actions. The only list clients may call. */
export const contracts = {
  org: { ...orgContracts, ...staffContracts },
  imports: importsContracts,
  identity: identityContracts,
  stats: statsContracts,
  files: filesContracts,
  learning: learningFunctionContracts,
  exam: examFunctionContracts,
  oversight: oversightContracts,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './define';
export * from './common';
export * from './org';
export * from './identity';
export * from './stats';
export * from './people';
export * from './staff';
export * from './imports';
export * from './courses';
export * from './learning';
export * from './files';
export * from './exam';
export * from './oversight';
