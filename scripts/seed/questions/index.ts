import chemicals from './chemicals';
import confinedSpace from './confinedSpace';
import dustExplosion from './dustExplosion';
import electrical from './electrical';
import emergency from './emergency';
import fire from './fire';
import heights from './heights';
import injuryCriminal from './injuryCriminal';
import machineryHotWork from './machineryHotWork';
import occupationalHealth from './occupationalHealth';
import ppeSigns from './ppeSigns';
import safetyLaw from './safetyLaw';
import specialWork from './specialWork';
import trainingAccidents from './trainingAccidents';
import type { SeedQuestion } from './builder';

export type { SeedQuestion } from './builder';

/** The demo bank (安全生产通用题库), in topic order; the seed imports it as one xlsx. */
export const DEMO_QUESTIONS: readonly SeedQuestion[] = [
  ...safetyLaw,
  ...trainingAccidents,
  ...fire,
  ...chemicals,
  ...specialWork,
  ...confinedSpace,
  ...electrical,
  ...heights,
  ...emergency,
  ...occupationalHealth,
  ...dustExplosion,
  ...ppeSigns,
  ...machineryHotWork,
  ...injuryCriminal,
];
