// Who may see suggestions for a unit. Suggestions must not steer a blind first pass, so a
// coder gets them only once their own coding of the unit is saved, or in a round the owner
// made "assisted". Owners and adjudicators who are not coding the unit may always look.
import { rolesIn } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { getUnit, isAssigned, type UnitRow } from '../db/units.ts';
import { viewerParams, visibleCodings } from '../db/visibility.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';

export function assertSuggestionsAllowed(
  db: Db,
  studyId: number,
  unitId: number,
  user: { id: number; isAdmin: boolean },
): UnitRow {
  const unit = getUnit(db, studyId, unitId);
  if (!unit) throw notFound('The unit');
  if (!isAssigned(db, unitId, user.id)) {
    const roles = rolesIn(db, studyId, user);
    if (!roles.includes('owner') && !roles.includes('adjudicator'))
      throw forbidden('This unit is not assigned to you.');
    return unit;
  }
  const row = db
    .prepare(
      `SELECT r.assisted, EXISTS (SELECT 1 FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = @viewerId) AS coded
       FROM units u JOIN rounds r ON r.id = u.round_id WHERE u.id = @unitId`,
    )
    .get({ studyId, unitId, ...viewerParams({ operator: false, userId: user.id }) }) as {
    assisted: number;
    coded: number;
  };
  if (!row.coded && !row.assisted) {
    throw new AppError(
      'suggestions.before_first_pass',
      403,
      'Save your own coding of this unit first: suggestions are shown only after your first pass (unless the owner made the round assisted).',
    );
  }
  return unit;
}
