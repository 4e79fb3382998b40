/** The seed's PRNG is the shared one (mulberry32), so demo data and tests are the same on every machine. */
export { rng, type Rng } from '../../shared/random';
