import { describe, expect, it } from 'vitest';
import { DECLARATION_SECTIONS } from '../../../../domain/application/form';
import { elementIdOf, fieldElementId, HEADER_ID, slotElementId } from './elementIds';

describe('elementIdOf', () => {
  it('points a form field path at its field', () => {
    expect(elementIdOf('basic.post')).toBe('field-basic-post');
    expect(elementIdOf('education.records')).toBe(fieldElementId('education', 'records'));
  });

  it('gives every field of the declaration form its own id', () => {
    const ids = DECLARATION_SECTIONS.flatMap((s) => s.fields.map((f) => elementIdOf(`${s.id}.${f.id}`)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(HEADER_ID);
  });

  it('points a material path at its slot, and the panels at themselves', () => {
    expect(elementIdOf('materials.annual-assessment')).toBe(slotElementId('annual-assessment'));
    expect(elementIdOf('materials')).toBe('materials');
    expect(elementIdOf('masking')).toBe('masking');
    expect(elementIdOf('commitment')).toBe('commitment');
    expect(elementIdOf('eligibility')).toBe('eligibility');
  });

  it('sends the window, the status and anything unknown to the header', () => {
    expect(elementIdOf('window')).toBe(HEADER_ID);
    expect(elementIdOf('status')).toBe(HEADER_ID);
    expect(elementIdOf('basic.unknown')).toBe(HEADER_ID);
    expect(elementIdOf('')).toBe(HEADER_ID);
  });

  it('keeps ids usable in CSS selectors', () => {
    expect(slotElementId('a b/c')).toBe('slot-a-b-c');
  });
});
