import { z } from 'zod';
import { contract } from './define';

/** Bulk staff import: the file travels through cloud storage (callFunction bodies are ≤ 100 KB). */
export interface ImportProblem {
  /** 1-based row number as Excel shows it (the header is row 1). */
  row: number;
  /** The row's name cell, when it has one (so the admin sees whose row it is). */
  name?: string;
  /** Column header as in the template, e.g. 身份证号码. */
  column: string;
  reason: string;
}

export interface ImportPlan {
  total: number;
  /** Persons new to the platform. */
  create: number;
  /** Already staff here: fields updated. */
  update: number;
  /** Already staff here with the same data: nothing to do (re-running a file changes nothing). */
  unchanged: number;
  /**
   * Already registered on the platform but not staff of this enterprise (employed elsewhere, left,
   * or registered elsewhere): nothing is written for them — the worker must ask to join in the
   * mini-program, and this enterprise approves in 人员审核.
   */
  elsewhere: number;
  /** Those rows (row number and the name in the sheet), first 500. */
  elsewhereRows: { row: number; name: string }[];
  problems: ImportProblem[];
}

/** A new account created by an import: its one-time password is shown once, to print or export. */
export interface ImportCredential {
  row: number;
  name: string;
  idMasked: string;
  oneTimePassword: string;
}

export interface ImportCommitResult {
  processed: number;
  total: number;
  done: boolean;
  created: number;
  updated: number;
  /** Rows skipped in this chunk because the person is not staff here (see ImportPlan.elsewhere). */
  skipped: number;
  /** One-time passwords of the persons this chunk created (never again retrievable: a retried chunk finds them existing). */
  credentials: ImportCredential[];
}

const fileID = z.string().min(1, '请先上传文件').max(300);

export const importsContracts = {
  /** Parses and validates every row; writes nothing. */
  staffImportDryRun: contract<ImportPlan>()(z.object({ fileID })),
  /**
   * Commits rows [offset, offset+limit) of a file whose dry run had no problems; idempotent, so a
   * client can retry a chunk or re-run the whole file. The client loops to show progress.
   */
  // ≤ 100 rows a call: every new account's one-time password is hashed with the full scrypt cost.
  staffImportCommit: contract<ImportCommitResult>()(
    z.object({ fileID, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(100).optional().default(100) }),
  ),
};
