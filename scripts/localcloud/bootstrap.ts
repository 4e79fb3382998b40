import { configuredRegions, runBootstrap, type BootstrapSummary } from '../deploy/bootstrapClient';
import { LOCAL_APPID, type LocalCloud } from './server';

/**
 * The bootstrap as the deployer runs it (stats.bootstrap with an HMAC proof made with the local
 * cloud's ANXUE_BOOTSTRAP_KEY), against the local cloud's own stats instances: the same code as
 * `npm run deploy` in CloudBase. Every local cloud — `npm start`, tests, bench — starts with it.
 */
export function bootstrapLocalCloud(cloud: LocalCloud): Promise<BootstrapSummary> {
  return runBootstrap(
    async (event) => (await cloud.functions.invoke('stats', { event, wx: { APPID: LOCAL_APPID, SOURCE: 'deploy' } })).result as never,
    cloud.secrets.ANXUE_BOOTSTRAP_KEY,
    configuredRegions(),
  );
}
