// Small facts about scans and material slots that the pages show or act on.
import type { FileType } from '../../../../domain/campaign/vocabulary';
import type { ApplicationView, FileView, MaterialSlotView, Problem } from '../../../api/types';

const ACCEPT: Record<FileType, string> = {
  jpg: '.jpg,.jpeg,image/jpeg',
  png: '.png,image/png',
  pdf: '.pdf,application/pdf',
};

const TYPE_LABELS: Record<FileType, string> = { jpg: 'JPG', png: 'PNG', pdf: 'PDF' };

/** The file chooser's `accept` for a slot's file types. */
export function acceptOf(fileTypes: readonly FileType[]): string {
  return fileTypes.map((t) => ACCEPT[t]).join(',');
}

export function typesText(fileTypes: readonly FileType[]): string {
  return fileTypes.map((t) => TYPE_LABELS[t]).join('、');
}

/** What a slot asks for, e.g. "须上传 3 份（2023、2024、2025 年每年 1 份）" or "选填". */
export function requirementText(slot: Pick<MaterialSlotView, 'required' | 'years'>): string {
  if (slot.required === 0) return '选填';
  if (slot.years && slot.years.length > 0) {
    return `须上传 ${slot.required} 份（${slot.years.join('、')} 年每年 ${slot.required / slot.years.length} 份）`;
  }
  return `须上传 ${slot.required} 份`;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function isImage(file: Pick<FileView, 'kind'>): boolean {
  return file.kind === 'jpg' || file.kind === 'png';
}

/** Whether the personal-information check of some scan of the application is still running. */
export function leakCheckPending(view: Pick<ApplicationView, 'slots'>): boolean {
  return view.slots.some((s) => s.materials.some((m) => m.file.leakStatus === 'pending'));
}

/**
 * Whether a submission problem is a blind-review leak (a scan still shows the applicant's name …):
 * the applicant may acknowledge those and submit anyway; every other problem must be fixed.
 */
export function isLeakProblem(problem: Problem, view: Pick<ApplicationView, 'slots'>): boolean {
  if (!problem.path.startsWith('materials.')) return false;
  const slot = view.slots.find((s) => `materials.${s.id}` === problem.path);
  return Boolean(slot?.materials.some((m) => m.file.leakHits.some((hit) => problem.message.includes(hit.message))));
}
