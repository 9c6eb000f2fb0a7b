// The declaration form (申报表), section by section as DECLARATION_SECTIONS defines it: texts, and
// records picked from the archive with "无" when there is none. Every change autosaves.
import { Button, Card, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ARCHIVE_KIND_LABELS } from '../../../../domain/application/archive-records';
import { DECLARATION_SECTIONS, NOTHING, type FieldValue, type FormField, type FormSection, type FormValues } from '../../../../domain/application/form';
import type { ArchiveRecordView } from '../../../api/types';
import { fieldElementId } from './elementIds';
import { checkedOf, pickFromChecked } from './formValues';

interface SectionsProps {
  form: FormValues;
  archive: ArchiveRecordView[];
  fieldErrors: Record<string, string>;
  emptyFieldText: string;
  onChange(sectionId: string, fieldId: string, value: FieldValue): void;
  onBlur(): void;
}

type FieldProps = Omit<SectionsProps, 'form'> & { section: FormSection; field: FormField; value: FieldValue | undefined };

function TextField({ section, field, value, onChange, onBlur, emptyFieldText }: FieldProps) {
  if (field.type === 'records') return null;
  const id = fieldElementId(section.id, field.id);
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    // The section's title stands for the label when both read the same (see SectionCard).
    'aria-label': field.label === section.title ? field.label : undefined,
    value: text,
    maxLength: field.maxLength,
    onChange: (e: { target: { value: string } }) => onChange(section.id, field.id, e.target.value),
    onBlur,
  };
  return (
    <Flex vertical gap={4}>
      {field.type === 'longText' ? <Input.TextArea {...common} rows={6} showCount /> : <Input {...common} />}
      {text.trim() === '' && (
        <Button
          type="link"
          size="small"
          className="zp-inline-link"
          onClick={() => {
            onChange(section.id, field.id, emptyFieldText);
            onBlur();
          }}
        >
          没有此项，填写“{emptyFieldText}”
        </Button>
      )}
    </Flex>
  );
}

function RecordPicker({ section, field, value, archive, onChange, onBlur }: FieldProps) {
  if (field.type !== 'records') return null;
  const records = archive.filter((r) => r.kind === field.kind);
  const checked = checkedOf(value);
  return (
    <Flex vertical gap={6}>
      <div id={fieldElementId(section.id, field.id)} role="group" aria-label={field.label} tabIndex={-1}>
        <Checkbox.Group
          className="zp-pick-list"
          value={checked}
          onChange={(next) => {
            onChange(section.id, field.id, pickFromChecked(value, next));
            onBlur();
          }}
          options={[...records.map((r) => ({ value: r.id, label: r.summary })), { value: NOTHING, label: NOTHING }]}
        />
      </div>
      {records.length > 2 && checked.length < records.length && (
        <Button
          type="link"
          size="small"
          className="zp-inline-link"
          onClick={() => {
            onChange(section.id, field.id, records.map((r) => r.id));
            onBlur();
          }}
        >
          全部选中（{records.length} 条）
        </Button>
      )}
      {records.length === 0 && (
        <Typography.Text type="secondary" className="zp-small">
          档案中还没有“{ARCHIVE_KIND_LABELS[field.kind]}”。有的话请先到<Link to="/app/archive">我的档案</Link>添加，没有请勾选“无”。
        </Typography.Text>
      )}
    </Flex>
  );
}

function SectionCard(props: Omit<SectionsProps, 'form'> & { section: FormSection; values: Record<string, FieldValue> | undefined }) {
  const { section, values, fieldErrors } = props;
  return (
    <Card size="small" title={section.title}>
      {section.fields.map((field) => {
        const path = `${section.id}.${field.id}`;
        const error = fieldErrors[path];
        // A section of one list needs no second heading; the list keeps its name for screen readers.
        const label = field.label === section.title ? undefined : field.label;
        return (
          <Form.Item
            key={field.id}
            label={label}
            htmlFor={fieldElementId(section.id, field.id)}
            validateStatus={error ? 'error' : undefined}
            help={error ?? field.hint}
            className="zp-field"
          >
            {field.type === 'records' ? <RecordPicker {...props} field={field} value={values?.[field.id]} /> : <TextField {...props} field={field} value={values?.[field.id]} />}
          </Form.Item>
        );
      })}
    </Card>
  );
}

export function DeclarationSections({ form, ...rest }: SectionsProps) {
  return (
    <Form layout="vertical" component="div">
      <Flex vertical gap={12}>
        {DECLARATION_SECTIONS.map((section) => (
          <SectionCard key={section.id} {...rest} section={section} values={form[section.id]} />
        ))}
      </Flex>
    </Form>
  );
}
