import { staffContracts } from '../../../shared/contracts/staff';
import { regionContains } from '../../../shared/regions';
import { defineAction } from '../../common/action';
import { decrypt } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import type { PersonDoc } from '../../common/persons';

/**
 * The full ID number, for the roles that need it (the employer's admin; a regulator whose region
 * contains the person's enterprise). Every call is audited, whatever the outcome of the read.
 */
export default defineAction(staffContracts.revealIdNumber, {
  allow: ['enterpriseAdmin', 'regulator'],
  async run({ personId }, ctx) {
    const p = ctx.principal;
    if (p.kind !== 'account') throw new AppError('FORBIDDEN');
    const person = await getById<PersonDoc>(C.persons, personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    // Only current staff: a former employer, or an enterprise a person merely asked to join, sees masked IDs only.
    const inScope =
      person.status === 'active' &&
      (p.role === 'enterpriseAdmin'
        ? !!p.enterpriseId && person.enterpriseId === p.enterpriseId
        : !!p.regionCode &&
          !!person.enterpriseId &&
          !!person.countyCode &&
          regionContains(p.regionCode, person.townCode || person.countyCode) &&
          (!p.industries?.length || (!!person.industry && p.industries.includes(person.industry))));
    if (!inScope) throw new AppError('NOT_IN_SCOPE');
    await ctx.audit({ action: 'person.revealIdNumber', targetType: 'person', targetId: personId, details: { enterpriseId: person.enterpriseId } });
    return { idNumber: decrypt(person.idCipher) };
  },
});
