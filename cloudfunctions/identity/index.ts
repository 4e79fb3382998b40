import { createMain } from '../common/router';
import consoleLogin from './actions/consoleLogin';
import consoleMe from './actions/consoleMe';

/** Sign-in for console accounts (and, later, workers in the mini-program). */
export const main = createMain('identity', { consoleLogin, consoleMe });
