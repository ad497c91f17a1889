import { Foundation1763900000000 } from './1763900000000-foundation';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const MIGRATIONS = [Foundation1763900000000];
