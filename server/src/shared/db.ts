import mongoose, { type Connection } from 'mongoose';
import { detectFerretDb } from './ferretdb-guard.ts';

// Filters built from request values never carry query operators (`{ $ne: … }`): mongoose strips
// them before the query reaches the database.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/**
 * At most this many commands in flight. FerretDB 1.24 on SQLite holds one pooled SQLite connection
 * for an update's read while it takes a second for the write, from a pool of 100: a hundred
 * concurrent updates each hold a read and wait for a write forever (seen: the server stalls with
 * no CPU). 32 stays clear of that; more would only queue behind SQLite's single writer anyway.
 */
export const MAX_POOL_SIZE = 32;

/** Opens a connection and waits until the server answers. Throws when it cannot connect. */
export async function connectDatabase(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: MAX_POOL_SIZE });
  await connection.asPromise();
  await detectFerretDb(connection);
  return connection;
}

export async function pingDatabase(connection: Connection): Promise<boolean> {
  try {
    await connection.db!.admin().ping();
    return true;
  } catch {
    return false;
  }
}

/** A write refused by a unique index: the race it settles was won by someone else. */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: number } | null)?.code === 11000;
