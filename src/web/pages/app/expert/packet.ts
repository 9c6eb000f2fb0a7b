// The blind packet in the scan viewer, pure: the viewer wants the applicant's file view, of which a
// packet carries only id, kind and pages — the rest is filled neutrally, and the name shown is the
// slot and the number, never an uploaded file name.
import type { Packet } from '../../../api/evaluation';
import type { FileView } from '../../../api/types';
import { packetFileUrl } from '../../../api/evaluation';
import type { ViewerScan } from '../declare/ScanViewer';

export function packetScans(packet: Pick<Packet, 'applicationId' | 'materials'>, committeeId: string): ViewerScan[] {
  return packet.materials.flatMap((m) =>
    m.files.map((f, i) => {
      const file: FileView = {
        id: f.id,
        kind: f.kind,
        originalName: `${m.slotName} 第 ${i + 1} 份`,
        bytes: 0,
        pages: f.pages,
        width: null,
        height: null,
        warnings: [],
        leakStatus: 'done',
        leakHits: [],
        createdAt: '',
      };
      return { file, slotName: m.slotName, contentUrl: packetFileUrl(committeeId, packet.applicationId, f.id) };
    }),
  );
}
