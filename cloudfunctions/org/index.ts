import { createMain } from '../common/router';
import addStaff from './actions/addStaff';
import createDepartment from './actions/createDepartment';
import decideRequest from './actions/decideRequest';
import deleteDepartment from './actions/deleteDepartment';
import getEnterprise from './actions/getEnterprise';
import leaveStaff from './actions/leaveStaff';
import listDepartments from './actions/listDepartments';
import listEnterprises from './actions/listEnterprises';
import listRegions from './actions/listRegions';
import listRequests from './actions/listRequests';
import listStaff from './actions/listStaff';
import moveDepartment from './actions/moveDepartment';
import pendingRequestCount from './actions/pendingRequestCount';
import registerEnterprise from './actions/registerEnterprise';
import renameDepartment from './actions/renameDepartment';
import resetStaffPassword from './actions/resetStaffPassword';
import revealIdNumber from './actions/revealIdNumber';
import searchEnterprises from './actions/searchEnterprises';
import updateEnterprise from './actions/updateEnterprise';
import updateStaff from './actions/updateStaff';
import verifyCreditCode from './actions/verifyCreditCode';

/** Enterprises, departments, staff, approvals and the region tree. */
export const main = createMain('org', {
  searchEnterprises,
  listEnterprises,
  listRegions,
  registerEnterprise,
  getEnterprise,
  updateEnterprise,
  verifyCreditCode,
  listDepartments,
  createDepartment,
  renameDepartment,
  moveDepartment,
  deleteDepartment,
  listStaff,
  addStaff,
  updateStaff,
  leaveStaff,
  resetStaffPassword,
  revealIdNumber,
  listRequests,
  pendingRequestCount,
  decideRequest,
});
