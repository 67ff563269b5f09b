import type Database from 'better-sqlite3';

/**
 * A forward-only schema change. Migrations are never edited once released:
 * a workspace written by an older app must upgrade through every step.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
