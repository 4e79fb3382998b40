import { orgContracts } from './org';
import { identityContracts } from './identity';
import { statsContracts } from './stats';
import { staffContracts } from './staff';
import { importsContracts } from './imports';
import { filesContracts } from './files';
import { learningFunctionContracts } from './learning';
import { examAdminContracts, examBankContracts } from './exam';

/** Every cloud function and its actions. The only list clients may call. */
export const contracts = {
  org: { ...orgContracts, ...staffContracts },
  imports: importsContracts,
  identity: identityContracts,
  stats: statsContracts,
  files: filesContracts,
  learning: learningFunctionContracts,
  /** Part A (banks, templates, score uploads); becomes `examFunctionContracts` once the worker and exam actions land. */
  exam: {
    ...examBankContracts,
    previewDrawingRule: examAdminContracts.previewDrawingRule,
    saveExamTemplate: examAdminContracts.saveExamTemplate,
    listExamTemplates: examAdminContracts.listExamTemplates,
    getExamTemplate: examAdminContracts.getExamTemplate,
    archiveExamTemplate: examAdminContracts.archiveExamTemplate,
    scoreUploadDryRun: examAdminContracts.scoreUploadDryRun,
    scoreUploadCommit: examAdminContracts.scoreUploadCommit,
  },
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
