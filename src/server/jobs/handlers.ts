// What each background job does. The leak check reads the stored scan (SM3-checked), searches its
// text for the owner's name, ID number, phone and unit (A24-7) and records the hits next to the
// file; the lapse job ends a returned application past its deadline (A24-5).
import { eq } from 'drizzle-orm';
import { lapseApplication } from '../commands/application/lapse-application.js';
import { files, memberships, organisations } from '../db/schema.js';
import { loadIdentity } from '../queries/applications.js';
import type { Services } from '../services.js';
import { checkLeaks } from '../uploads/leak-check.js';
import type { JobHandlers } from './queue.js';

export function createJobHandlers(services: Services): JobHandlers {
  return {
    'leak-check': async (payload) => {
      const [file] = await services.db.select().from(files).where(eq(files.id, String(payload.fileId)));
      if (!file) return;
      const identity = await loadIdentity(services.db, services.cipher, file.ownerId);
      const [unit] = await services.db
        .select({ name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.unitId))
        .where(eq(memberships.userId, file.ownerId));
      try {
        const bytes = await services.files.get(file.storageKey, file.sm3);
        const hits = await checkLeaks(
          { kind: file.kind as 'jpg' | 'png' | 'pdf', bytes },
          { name: identity.name, idNumber: identity.idNumber, phone: identity.phone, unitName: unit?.name ?? '' },
        );
        await services.db.update(files).set({ leakStatus: 'done', leakHits: hits }).where(eq(files.id, file.id));
      } catch (error) {
        // An unreadable scan must not hold the submission forever: mark it unchecked (the page says
        // so) and let the job's record keep the error.
        await services.db.update(files).set({ leakStatus: 'failed' }).where(eq(files.id, file.id));
        throw error;
      }
    },
    'lapse-application': async (payload) => {
      await lapseApplication(services, String(payload.applicationId));
    },
  };
}
