// Building blocks of the campaign editor: the draft configuration shared by every tab, fields bound
// to a path in it, and the errors (from parseCampaign while typing, from the server on save) shown
// at the field whose path they name.
import { createContext, useContext, type ReactNode } from 'react';
import { Alert, Form, Select, Tooltip } from 'antd';
import { RULE_IDS } from '../../../../domain/campaign/rule-ids';
import { getIn, pathText, pathWithin, type Json, type Path } from '../../../campaign/paths';

export interface EditorError {
  path: string;
  message: string;
  /** Reported by the server on save (not found by the check in the browser). */
  server?: boolean;
}

export interface EditorValue {
  draft: Json;
  readOnly: boolean;
  set(path: Path, value: Json): void;
  errors: EditorError[];
}

const EditorContext = createContext<EditorValue | null>(null);
export const EditorProvider = EditorContext.Provider;

export function useEditor(): EditorValue & { get(path: Path): Json; errorsAt(path: Path, exact?: boolean): EditorError[] } {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor must be used inside EditorProvider');
  return {
    ...value,
    get: (path) => getIn(value.draft, path),
    errorsAt: (path, exact = false) => {
      const text = pathText(path);
      return value.errors.filter((e) => (exact ? e.path === text : pathWithin(e.path, text)));
    },
  };
}

/** The DOM id of the input editing `path` (the error list links to it). */
export function fieldId(path: Path): string {
  return `cf-${pathText(path).replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/**
 * A labelled form item bound to a path of the draft. `children` renders the input with the id the
 * label points at and the error status.
 */
export function Field({
  label,
  path,
  extra,
  exact,
  id: idOverride,
  children,
}: {
  label: ReactNode;
  path: Path;
  /** The input's id when the path is not stable (an entry that does not exist yet). */
  id?: string;
  extra?: ReactNode;
  /** Show only errors at this very path (not those inside it). */
  exact?: boolean;
  children: (props: { id: string; status?: 'error' }) => ReactNode;
}) {
  const { errorsAt } = useEditor();
  const errors = errorsAt(path, exact);
  const id = idOverride ?? fieldId(path);
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      extra={extra}
      validateStatus={errors.length > 0 ? 'error' : undefined}
      help={errors.length > 0 ? errors.map((e) => e.message).join('；') : undefined}
    >
      {children({ id, status: errors.length > 0 ? 'error' : undefined })}
    </Form.Item>
  );
}

/** Errors about a whole section or list (e.g. `fees.amounts`: a level without a fee). */
export function SectionErrors({ path }: { path: Path }) {
  const { errorsAt } = useEditor();
  const errors = errorsAt(path, true);
  if (errors.length === 0) return null;
  return <Alert type="error" showIcon className="zp-section-alert" title={errors.map((e) => e.message).join('；')} />;
}

const RULE_OPTIONS = Object.entries(RULE_IDS).map(([id, text]) => ({ value: id, label: id, title: text }));

/** The rule id (规则编号) a section cites, from the catalogue; the description shows on hover. */
export function RuleIdSelect({ id, value, onChange, status, disabled }: { id?: string; value: Json; onChange(v: string): void; status?: 'error'; disabled?: boolean }) {
  const known = typeof value === 'string' && value in RULE_IDS;
  return (
    <Tooltip title={known ? RULE_IDS[value as keyof typeof RULE_IDS] : undefined}>
      <Select
        id={id}
        className="zp-rule-select"
        value={typeof value === 'string' ? value : undefined}
        onChange={onChange}
        status={status}
        disabled={disabled}
        showSearch={{ optionFilterProp: 'label' }}
        options={RULE_OPTIONS}
        placeholder="规则编号"
      />
    </Tooltip>
  );
}

/** A rule-id field for the section at `path` (its `ruleId`). */
export function RuleIdField({ path, label = '规则编号' }: { path: Path; label?: string }) {
  const { get, set, readOnly } = useEditor();
  return (
    <Field label={label} path={[...path, 'ruleId']}>
      {(p) => <RuleIdSelect {...p} value={get([...path, 'ruleId'])} onChange={(v) => set([...path, 'ruleId'], v)} disabled={readOnly} />}
    </Field>
  );
}

export const num = (v: Json): number | null => (typeof v === 'number' ? v : null);
export const str = (v: Json): string => (typeof v === 'string' ? v : '');
