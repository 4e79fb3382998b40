import { uploadToLocalCloud } from '@shared/localUpload';
import { getSession } from './api';

/**
 * Uploads a file to storage and returns its fileID (the console runs on the local cloud; a deployed
 * console would upload with the CloudBase JS SDK here instead).
 */
export const uploadFile = (file: Blob, name: string): Promise<string> => uploadToLocalCloud(file, name, getSession()?.token);
