import { describe, expect, it } from 'vitest';
import { packetScans } from './packet';

describe('blind packet in the scan viewer', () => {
  it('names scans by slot and number, never by an uploaded file name, with the packet file address', () => {
    const scans = packetScans(
      {
        applicationId: 'app 1',
        materials: [
          { slotName: '代表作', files: [{ id: 'f1', kind: 'pdf', pages: 3 }, { id: 'f2', kind: 'jpg', pages: 1 }] },
          { slotName: '业绩证明', files: [{ id: 'f3', kind: 'png', pages: 1 }] },
        ],
      },
      'c1',
    );
    expect(scans.map((s) => [s.slotName, s.file.originalName, s.file.kind, s.contentUrl])).toEqual([
      ['代表作', '代表作 第 1 份', 'pdf', '/api/expert/committees/c1/packets/app%201/files/f1'],
      ['代表作', '代表作 第 2 份', 'jpg', '/api/expert/committees/c1/packets/app%201/files/f2'],
      ['业绩证明', '业绩证明 第 1 份', 'png', '/api/expert/committees/c1/packets/app%201/files/f3'],
    ]);
    expect(scans[0].file.pages).toBe(3);
  });
});
