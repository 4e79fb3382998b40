import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { refreshSession } from './services/session';
import { resumeAdminPasswordChange } from './services/adminSession';
import { enforcePasswordChange } from './services/passwordGate';
import './app.scss';

// Runs once when the app starts, before any page calls a function.
initCloud();
// An enterprise admin who left the app before changing an initial password goes back there.
resumeAdminPasswordChange();
// Who is this WeChat user? A bound person is signed in without a password (and one who must
// change an initial password is sent to the change page by the session).
void refreshSession();

function App({ children }: PropsWithChildren) {
  // Back from the background: re-check (the password may have been reset meanwhile).
  useDidShow(() => {
    enforcePasswordChange();
    void refreshSession(15_000);
  });
  return children;
}

export default App;
