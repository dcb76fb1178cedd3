import { Schema, type Connection, type Model } from 'mongoose';
import { serializeWritesBy } from './serialize.ts';

interface Counter {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<Counter>({ _id: String, seq: Number });
// FerretDB 1.24 loses concurrent $inc on one document (serialize.ts); one process, one lock.
serializeWritesBy(counterSchema, '_id');
const counterModel = (connection: Connection): Model<Counter> =>
  (connection.models.Counter as Model<Counter>) ?? connection.model<Counter>('Counter', counterSchema, 'counters');

/** The next number of a named sequence: one atomic increment, safe across server processes. */
export async function nextSequence(connection: Connection, name: string): Promise<number> {
  const counter = await counterModel(connection).findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
  return counter!.seq;
}
