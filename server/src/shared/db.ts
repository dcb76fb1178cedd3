import mongoose, { type Connection } from 'mongoose';

// Filters built from request values never carry query operators (`{ $ne: … }`): mongoose strips
// them before the query reaches the database.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/** Opens a connection and waits until the server answers. Throws when it cannot connect. */
export async function connectDatabase(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 });
  await connection.asPromise();
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
