import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { hotlineErrors } from './errors.ts';
import type { HotlineOrders } from './orders.ts';
import type { InboundInput } from './schemas.ts';
import { SIGNATURE_WINDOW_MS, signatureMatches, timestampFresh } from './signature.ts';

interface SeenSignature { _id: string; at: Date }
interface InboundLink { _id: string; orderNumber: string | null; at: Date }

const PLATFORM_ACTOR = { userId: 'platform:12345', username: 'platform:12345' };

/**
 * Orders from the provincial 12345 platform: signed (HMAC over timestamp and body), each signed
 * request taken once (a replay is refused), each platform order number recorded once (a resend
 * answers with the same order number and records nothing).
 */
export class InboundOrders {
  private readonly seen;
  private readonly links;

  constructor(private readonly db: Connection, private readonly orders: HotlineOrders, private readonly secret?: string) {
    this.seen = db.collection<SeenSignature>('hotline_inbound_signatures');
    this.links = db.collection<InboundLink>('hotline_inbound_orders');
  }

  /** 401 INBOUND_UNSIGNED / INBOUND_STALE, 409 INBOUND_REPLAYED; then the order, new or as recorded before. */
  async receive(req: Request, body: InboundInput): Promise<{ orderNumber: string; duplicate: boolean; merged: boolean }> {
    if (!this.secret) throw hotlineErrors.inboundOff();
    const now = this.orders.now();
    const timestamp = req.get('x-hotline-timestamp') ?? '';
    const signature = req.get('x-hotline-signature') ?? '';
    const raw = (req as Request & { rawBody?: Buffer }).rawBody;
    if (!raw || !signatureMatches(this.secret, timestamp, raw, signature)) throw hotlineErrors.unsigned();
    if (!timestampFresh(timestamp, now)) throw hotlineErrors.stale();
    // signatures older than the window can never be accepted again: no need to keep them
    await this.seen.deleteMany({ at: { $lt: new Date(now.getTime() - 2 * SIGNATURE_WINDOW_MS) } });
    try {
      await this.seen.insertOne({ _id: signature, at: now });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw hotlineErrors.replayed();
      throw error;
    }
    const known = await this.links.findOne({ _id: body.platformOrderNumber });
    if (known?.orderNumber) return { orderNumber: known.orderNumber, duplicate: true, merged: false };
    if (!known) {
      try {
        await this.links.insertOne({ _id: body.platformOrderNumber, orderNumber: null, at: now });
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    const { platformOrderNumber, ...input } = body;
    const { order, merged } = await this.orders.record(input, PLATFORM_ACTOR, { kind: 'platform', platformOrderNumber });
    await this.links.updateOne({ _id: platformOrderNumber, orderNumber: null }, { $set: { orderNumber: order._id } });
    const link = await this.links.findOne({ _id: platformOrderNumber });
    return { orderNumber: link!.orderNumber!, duplicate: link!.orderNumber !== order._id, merged };
  }
}
