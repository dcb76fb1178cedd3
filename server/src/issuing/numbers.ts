import { Schema, type Connection, type Model } from 'mongoose';

/** A certificate number kept for a case before anything is printed with it. */
interface Reservation {
  _id: string;
  number: string;
}

const schema = new Schema<Reservation>({ _id: String, number: String }, { versionKey: false });
const reservations = (c: Connection): Model<Reservation> =>
  (c.models.CertificateNumberReservation as Model<Reservation>) ?? c.model<Reservation>('CertificateNumberReservation', schema, 'certificate_numbers');

/**
 * A certificate number drawn once for `key` (a decision or a case): a delivery of
 * `prepareCertificate` after a crash prints and registers the number the killed one drew (the
 * document it issued carries it), not a second one. The reservation is an insert by key, decided by
 * the unique `_id`.
 */
export async function reservedNumber(db: Connection, key: string, draw: () => Promise<string>): Promise<string> {
  const kept = await reservations(db).findById(key).lean();
  if (kept) return kept.number;
  const number = await draw();
  try {
    await reservations(db).create({ _id: key, number });
    return number;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    return (await reservations(db).findById(key).lean())!.number;
  }
}
