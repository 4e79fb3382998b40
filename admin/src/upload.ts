import { uploadWithTicket } from '@shared/ticketUpload';
import type { UploadPurpose } from '@shared/uploads';
import { call } from './api';

/** Uploads a file to cloud storage with a ticket from files.requestUpload and returns its fileID. */
export const uploadFile = (file: Blob, name: string, purpose: UploadPurpose = 'staffImport'): Promise<string> =>
  uploadWithTicket((input) => call('files', 'requestUpload', input), purpose, file, name);
