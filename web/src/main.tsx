/**
 * The entry, small on purpose (no React, no antd): it runs as soon as the page has loaded it
 * and starts what the page will wait for while the app's libraries are still on their way —
 * the session probe, and on a cockpit address (the public portal's too) the cockpit's figures,
 * its map's shapes and the cockpit's own code — then loads the app.
 * Without it each of these waited for the one before: libraries, session, layout, the
 * cockpit's code, and only then its figures.
 */
import { startSessionProbe } from './auth/session-probe';
import { isCockpitAddress, prefetchOpenedCockpit } from './cockpit/api';

startSessionProbe();
prefetchOpenedCockpit();
// App.tsx takes the same module (one request) for the page once it is here.
if (isCockpitAddress(window.location.pathname)) import('./cockpit').catch(() => undefined);
void import('./bootstrap');
