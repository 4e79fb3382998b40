import { configuredRegions, runBootstrap, type BootstrapSummary } from '../deploy/bootstrapClient';
import type { LocalCloud } from './server';

/**
 * The bootstrap as the deployer runs it (stats.bootstrap with an HMAC proof made with the local
 * cloud's ANXUE_BOOTSTRAP_KEY), against the local cloud's own stats instances: the same code as
 * `npm run deploy` in CloudBase. startLocalCloud runs it (unless `bootstrap: false`), so every local
 * cloud — `npm start`, journeys, bench — starts as a freshly deployed environment.
 */
export function bootstrapLocalCloud(cloud: LocalCloud): Promise<BootstrapSummary> {
  return runBootstrap(
    async (event) => (await cloud.functions.invoke('stats', { event, wx: { SOURCE: 'deploy' } })).result as never,
    cloud.secrets.ANXUE_BOOTSTRAP_KEY,
    configuredRegions(),
  );
}
