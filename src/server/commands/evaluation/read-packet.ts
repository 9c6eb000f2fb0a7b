// Reading a blind packet, a scan of it or its blind 评审表 is recorded (packet.read): which expert
// opened which candidate's material, when — never anything of the material itself.
import { appendAudit } from '../../audit/append-audit.js';
import type { RequestContext } from '../../http/context.js';
import type { Services } from '../../services.js';

export async function recordPacketRead(
  services: Services,
  ctx: RequestContext,
  read: { committeeId: string; applicationId: string; expertId: string; what: 'packet' | 'file' | 'review_form'; fileId?: string },
): Promise<void> {
  await appendAudit(services.db, ctx, {
    action: 'packet.read',
    objectType: 'application',
    objectId: read.applicationId,
    detail: { committeeId: read.committeeId, expertId: read.expertId, what: read.what, ...(read.fileId ? { fileId: read.fileId } : {}) },
  });
}
