import { oversightContracts } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import type { PersonDoc } from '../../common/persons';
import { employmentRow, type EmploymentDoc } from '../../common/requests';
import { personArchiveOf } from '../../learning/archive';
import { archiveNotInScope, personArchiveRow, personInScope } from '../archiveScope';

/**
 * 人员档案: 一人一档 across employers (the worker's own archive, cloudfunctions/learning/archive.ts)
 * plus the person's masked identity and employment history, for a person currently employed in the
 * caller's scope. A foreign or missing person answers NOT_IN_SCOPE alike.
 */
export default defineAction(oversightContracts.personArchive, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run({ personId }, ctx) {
    const person = await getById<PersonDoc>(C.persons, personId);
    if (!person || !personInScope(ctx.principal, person)) throw archiveNotInScope();
    const [body, emps] = await Promise.all([
      personArchiveOf(ctx.db, person, ctx.now()),
      ctx.db.collection(C.employments).where({ personId }).orderBy('from', 'desc').limit(100).get<EmploymentDoc>(),
    ]);
    return {
      ...body,
      person: {
        ...personArchiveRow(person),
        birthDate: person.birthDate,
        departmentName: person.departmentName ?? null,
        employmentType: person.employmentType,
        certificatesHeld: person.certificates ?? [],
      },
      employments: emps.data.map(employmentRow),
    };
  },
});
