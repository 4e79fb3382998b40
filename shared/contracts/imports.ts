import { z } from 'zod';
import { contract } from './define';

/** Bulk staff import: the file travels through cloud storage (callFunction bodies are ≤ 100 KB). */
export interface ImportProblem {
  /** 1-based row number as Excel shows it (the header is row 1). */
  row: number;
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
  /** Employed at another enterprise: each becomes a change-of-employer request, not a silent move. */
  transfer: number;
  problems: ImportProblem[];
}

const fileID = z.string().min(1, '请先上传文件').max(300);

export const importsContracts = {
  /** Parses and validates every row; writes nothing. */
  staffImportDryRun: contract<ImportPlan>()(z.object({ fileID })),
  /**
   * Commits rows [offset, offset+limit) of a file whose dry run had no problems; idempotent, so a
   * client can retry a chunk or re-run the whole file. The client loops to show progress.
   */
  staffImportCommit: contract<{ processed: number; total: number; done: boolean; created: number; updated: number; transfers: number }>()(
    z.object({ fileID, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(500).optional().default(200) }),
  ),
};
