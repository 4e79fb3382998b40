import { birthDateOfIdNumber, genderOfIdNumber, maskIdNumber } from '../../shared/idNumber';
import { encrypt, keyedHash } from './crypto';

/**
 * A person's identity fields derived from a (validated, normalized) ID number: the keyed hash is
 * both the lookup key and the source of the deterministic `_id` (one person per ID number); the
 * number itself is kept only encrypted, and shown masked.
 */
export function personIdentity(idNumber: string) {
  const idHash = keyedHash(idNumber);
  return {
    _id: `p${idHash.slice(0, 31)}`,
    idHash,
    idCipher: encrypt(idNumber),
    idMasked: maskIdNumber(idNumber),
    gender: genderOfIdNumber(idNumber),
    birthDate: birthDateOfIdNumber(idNumber),
  };
}
