import { z } from 'zod';

/** A calendar day written YYYY-MM-DD (zod checks month lengths and leap years: 2023-02-29 is refused). */
export const isoDay = z.iso.date({ error: 'A date is written YYYY-MM-DD and must be a real calendar day' });
