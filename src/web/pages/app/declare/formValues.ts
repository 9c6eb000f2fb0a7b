// The declaration form as the page holds it: what a section sends when saved, how the record
// picker's checkboxes map to a field value ("无" excludes every record), and how the latest
// version from the server is combined with what the applicant typed but could not save yet.
import { NOTHING, type FieldValue, type FormSection, type FormValues } from '../../../../domain/application/form';

/** The values a section saves: every text field (blank while unfilled) and the picks made so far. */
export function sectionValues(section: FormSection, form: FormValues): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of section.fields) {
    const v = form[section.id]?.[field.id];
    if (field.type === 'records') {
      if (v !== undefined) values[field.id] = v;
    } else {
      values[field.id] = typeof v === 'string' ? v : '';
    }
  }
  return values;
}

/** The checkboxes ticked for a records field: the record ids, or "无" alone. */
export function checkedOf(value: FieldValue | undefined): string[] {
  if (Array.isArray(value)) return value;
  return value === NOTHING ? [NOTHING] : [];
}

/**
 * The field value after the applicant ticked `checked`: ticking "无" clears the records, ticking a
 * record clears "无"; nothing ticked is an empty list (unfilled).
 */
export function pickFromChecked(previous: FieldValue | undefined, checked: string[]): FieldValue {
  const hadNothing = checkedOf(previous).includes(NOTHING);
  const records = checked.filter((c) => c !== NOTHING);
  if (checked.includes(NOTHING) && (!hadNothing || records.length === 0)) return NOTHING;
  return records;
}

/** The server's form, with the sections in `keep` taken from the local copy (typed, not saved). */
export function mergeKeeping(server: FormValues, local: FormValues, keep: readonly string[]): FormValues {
  const merged: FormValues = { ...server };
  for (const sectionId of keep) {
    if (local[sectionId]) merged[sectionId] = { ...(server[sectionId] ?? {}), ...local[sectionId] };
  }
  return merged;
}
