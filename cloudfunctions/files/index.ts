import { createMain } from '../common/router';
import requestUpload from './actions/requestUpload';

/** Cloud storage tickets: uploads go straight to storage with a ticket this function issues. */
export const main = createMain('files', { requestUpload });
