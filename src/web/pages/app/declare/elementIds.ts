// Every place a submission problem can point at has an element id derived from the problem's path,
// so a click on the problem scrolls there. Paths come from the server: 'basic.post' (a form
// field), 'materials.<slot id>', 'materials', 'masking', 'commitment', 'eligibility', 'window',
// 'status'.
import { DECLARATION_SECTIONS } from '../../../../domain/application/form';

export const HEADER_ID = 'application-header';
export const MATERIALS_ID = 'materials';
export const MASKING_ID = 'masking';
export const COMMITMENT_ID = 'commitment';
export const ELIGIBILITY_ID = 'eligibility';
export const PROBLEMS_ID = 'problems';

/** Ids are used as they are in `#…` selectors: keep letters, digits, '-' and '_'. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function fieldElementId(sectionId: string, fieldId: string): string {
  return `field-${safe(sectionId)}-${safe(fieldId)}`;
}

export function slotElementId(slotId: string): string {
  return `slot-${safe(slotId)}`;
}

const PANELS: Record<string, string> = {
  materials: MATERIALS_ID,
  masking: MASKING_ID,
  commitment: COMMITMENT_ID,
  eligibility: ELIGIBILITY_ID,
  window: HEADER_ID,
  status: HEADER_ID,
};

/** The element a problem's path points at; the page header for anything unknown. */
export function elementIdOf(path: string): string {
  if (PANELS[path]) return PANELS[path];
  const dot = path.indexOf('.');
  if (dot > 0) {
    const head = path.slice(0, dot);
    const rest = path.slice(dot + 1);
    if (head === 'materials') return slotElementId(rest);
    const section = DECLARATION_SECTIONS.find((s) => s.id === head);
    if (section?.fields.some((f) => f.id === rest)) return fieldElementId(head, rest);
  }
  return HEADER_ID;
}
