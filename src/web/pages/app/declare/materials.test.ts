import { describe, expect, it } from 'vitest';
import type { FileView, MaterialSlotView } from '../../../api/types';
import { acceptOf, isLeakProblem, leakCheckPending, requirementText, sizeText, typesText } from './materials';

function file(overrides: Partial<FileView> = {}): FileView {
  return {
    id: 'f1',
    kind: 'jpg',
    originalName: '公示.jpg',
    bytes: 1000,
    pages: 1,
    width: 100,
    height: 100,
    warnings: [],
    leakStatus: 'done',
    leakHits: [],
    createdAt: '2026-11-29T00:00:00Z',
    ...overrides,
  };
}

function slot(id: string, files: FileView[]): MaterialSlotView {
  return { id, name: id, fileTypes: ['jpg'], required: 1, years: null, masked: true, ruleId: 'A24-7', materials: files.map((f, i) => ({ id: `m${i}`, file: f })) };
}

describe('slots', () => {
  it('accepts the slot’s file types in the file chooser', () => {
    expect(acceptOf(['jpg'])).toBe('.jpg,.jpeg,image/jpeg');
    expect(acceptOf(['jpg', 'pdf'])).toBe('.jpg,.jpeg,image/jpeg,.pdf,application/pdf');
    expect(typesText(['jpg', 'png'])).toBe('JPG、PNG');
  });

  it('says what a slot asks for', () => {
    expect(requirementText({ required: 0, years: null })).toBe('选填');
    expect(requirementText({ required: 2, years: null })).toBe('须上传 2 份');
    expect(requirementText({ required: 3, years: [2023, 2024, 2025] })).toBe('须上传 3 份（2023、2024、2025 年每年 1 份）');
  });

  it('writes sizes in KB or MB', () => {
    expect(sizeText(200)).toBe('1 KB');
    expect(sizeText(234_858)).toBe('229 KB');
    expect(sizeText(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});

describe('leak check', () => {
  const hit = { page: 3, item: 'name', message: '第 3 页出现了您的姓名，请遮盖后重新上传' };

  it('is pending while any scan is still being checked', () => {
    expect(leakCheckPending({ slots: [slot('a', [file()])] })).toBe(false);
    expect(leakCheckPending({ slots: [slot('a', [file()]), slot('b', [file({ leakStatus: 'pending' })])] })).toBe(true);
  });

  it('tells a leak problem from a missing material in the same slot', () => {
    const view = { slots: [slot('works', [file({ leakHits: [hit] })])] };
    expect(isLeakProblem({ path: 'materials.works', message: `“公示.jpg”${hit.message}（A24-7）` }, view)).toBe(true);
    expect(isLeakProblem({ path: 'materials.works', message: '“代表作品”至少上传 2 份，现有 1 份（B21-5）' }, view)).toBe(false);
    expect(isLeakProblem({ path: 'commitment', message: hit.message }, view)).toBe(false);
  });
});
