/**
 * use-wallet v4 example dApp (React, `@txnlab/use-wallet-react` 4.x): Tandem as v4's custom wallet,
 * added the way the package README shows. The app is in app.tsx; this file only mounts it.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const root = document.getElementById('root');
if (root) createRoot(root).render(createElement(App));
