import { Foundation1763900000000 } from './1763900000000-foundation';
import { Clients1763910000000 } from './1763910000000-clients';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const MIGRATIONS = [Foundation1763900000000, Clients1763910000000];
