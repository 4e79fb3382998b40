import { createMain } from '../common/router';
import listEnterprises from './actions/listEnterprises';
import listRegions from './actions/listRegions';
import searchEnterprises from './actions/searchEnterprises';

/** Enterprises, departments and the region tree. */
export const main = createMain('org', { searchEnterprises, listEnterprises, listRegions });
