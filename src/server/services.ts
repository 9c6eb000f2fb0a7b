// Everything a route or command needs from the outside world, built once at start-up.
import type { Config } from './config.js';
import type { Database, DatabaseHandle } from './db/client.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import type { RateLimits } from './http/rate-limit.js';
import type { SmsSender } from './auth/sms-sender.js';

export interface Services {
  config: Config;
  db: Database;
  database: DatabaseHandle;
  cipher: FieldCipher;
  rateLimits: RateLimits;
  sms: SmsSender;
}
