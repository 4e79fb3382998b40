import { consoleUpload } from '../consoleClient';

/** A staff-import upload as a console account would make it (see consoleClient.ts). Answers the fileID. */
export const uploadAs = (baseUrl: string, sessionToken: string, body: Buffer | Uint8Array, name = 'staff.xlsx'): Promise<string> =>
  consoleUpload(baseUrl, sessionToken, body, name);
