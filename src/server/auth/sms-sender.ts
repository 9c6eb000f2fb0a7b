// Text messages go through this interface. The default sender records each message in
// sms_outbox (encrypted number, template name only); a gateway sender implements the same call.
import type { Executor } from '../db/client.js';
import { smsOutbox } from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';

export interface SmsSender {
  send(db: Executor, phone: string, template: 'register_code', params: Record<string, string>): Promise<void>;
}

export function createOutboxSmsSender(cipher: FieldCipher): SmsSender {
  return {
    async send(db, phone, template) {
      // The code itself is not stored: the outbox is evidence that a message was sent, not a copy.
      await db.insert(smsOutbox).values({ phoneEnc: cipher.encrypt(phone), template });
    },
  };
}
