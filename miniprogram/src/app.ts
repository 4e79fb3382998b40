import type { PropsWithChildren } from 'react';
import { initCloud } from './services/cloud';
import './app.scss';

// Runs once when the app starts, before any page calls a function.
initCloud();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
