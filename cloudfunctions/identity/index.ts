import { createMain } from '../common/router';
import cancelRequest from './actions/cancelRequest';
import changePassword from './actions/changePassword';
import consoleChangePassword from './actions/consoleChangePassword';
import consoleLogin from './actions/consoleLogin';
import consoleLogout from './actions/consoleLogout';
import consoleMe from './actions/consoleMe';
import createAccount from './actions/createAccount';
import listAccounts from './actions/listAccounts';
import login from './actions/login';
import logout from './actions/logout';
import me from './actions/me';
import myEmployments from './actions/myEmployments';
import register from './actions/register';
import resetAccountPassword from './actions/resetAccountPassword';
import requestEmployerChange from './actions/requestEmployerChange';
import setAccountStatus from './actions/setAccountStatus';
import updateProfile from './actions/updateProfile';

/** Workers (mini-program: register, login, profile, employer changes) and console accounts. */
export const main = createMain('identity', {
  register,
  login,
  logout,
  me,
  changePassword,
  updateProfile,
  myEmployments,
  requestEmployerChange,
  cancelRequest,
  consoleLogin,
  consoleMe,
  consoleLogout,
  consoleChangePassword,
  createAccount,
  listAccounts,
  setAccountStatus,
  resetAccountPassword,
});
