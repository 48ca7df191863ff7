// Every migration, in order. Hand-written only (synchronize is off); each has a working down().
import { Foundation1763800000000 } from './1763800000000-Foundation';

export const MIGRATIONS = [Foundation1763800000000];
