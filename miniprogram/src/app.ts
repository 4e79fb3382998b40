import type { PropsWithChildren } from 'react';
import { initCloud } from './services/cloud';
import { refreshSession } from './services/session';
import './app.scss';

// Runs once when the app starts, before any page calls a function.
initCloud();
// Who is this WeChat user? A bound person is signed in without a password.
void refreshSession();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
