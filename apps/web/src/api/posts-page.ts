/** Where a page of a unit's posts starts: after or before another page (its cursor), or around the post holding an offset of the unit's text. */
export type PageAt = { after: string } | { before: string } | { aroundOffset: number };

/** Posts per page of a thread unit, as the API sends the unit's first one. */
const UNIT_POSTS_PAGE = 100;

/** The query string of GET …/units/:unitId/posts (coding and adjudication alike) for the page at `at`. */
export function unitPostsQueryOf(at: PageAt) {
  const limit = String(UNIT_POSTS_PAGE);
  return 'aroundOffset' in at ? { aroundOffset: String(at.aroundOffset), limit } : { ...at, limit };
}
