// A submitted application as it stands (the applicant after submitting, the unit reviewer): the
// form's answers with the picked records, and the materials per slot; a thumbnail opens the scan
// viewer, which pages through all of them in slot order.
import { useState } from 'react';
import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { DECLARATION_SECTIONS, type FieldValue } from '../../../../domain/application/form';
import type { ApplicationView } from '../../../api/types';
import { FileCard } from './FileCard';
import { requirementText } from './materials';
import { ScanViewer, type ViewerScan } from './ScanViewer';
import { useIsPhone } from './useIsPhone';

function answer(value: FieldValue | undefined, records: ApplicationView['records']) {
  if (Array.isArray(value)) {
    const picked = value.map((id) => records.find((r) => r.id === id)?.summary).filter((s): s is string => Boolean(s));
    if (picked.length === 0) return <Typography.Text type="secondary">未选择</Typography.Text>;
    return (
      <ul className="zp-plain-list zp-no-margin">
        {picked.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'string' && value.trim() !== '') return <span className="zp-pre">{value}</span>;
  return <Typography.Text type="secondary">未填写</Typography.Text>;
}

export function ReadOnlyForm({ view }: { view: ApplicationView }) {
  const phone = useIsPhone();
  return (
    <Card size="small" title="申报表">
      <Flex vertical gap={12}>
        {DECLARATION_SECTIONS.map((section) => (
          <Descriptions
            key={section.id}
            title={section.title}
            size="small"
            bordered
            column={1}
            layout={phone ? 'vertical' : 'horizontal'}
            items={section.fields.map((field) => ({ key: field.id, label: field.label, children: answer(view.form[section.id]?.[field.id], view.records) }))}
          />
        ))}
      </Flex>
    </Card>
  );
}

export function ReadOnlyMaterials({ view, contentUrl }: { view: ApplicationView; contentUrl(fileId: string): string }) {
  const blind = view.maskingRequired.length > 0;
  const [viewing, setViewing] = useState<number | null>(null);
  const scans: ViewerScan[] = view.slots.flatMap((slot) => slot.materials.map((m) => ({ file: m.file, slotName: slot.name, contentUrl: contentUrl(m.file.id) })));
  const scanIndex = (fileId: string) => scans.findIndex((s) => s.file.id === fileId);
  return (
    <Card size="small" title="申报材料">
      <Flex vertical gap={12}>
        {view.slots.map((slot) => (
          <Card size="small" type="inner" key={slot.id} title={<span className="zp-wrap-title">{slot.name}</span>}>
            <Flex vertical gap={12}>
              <Flex gap={6} wrap>
                <Tag>
                  {requirementText(slot)}，共 {slot.materials.length} 份
                </Tag>
                {slot.ruleId && <Tag>{slot.ruleId}</Tag>}
              </Flex>
              {slot.materials.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未上传" />}
              {slot.materials.map((m) => (
                <FileCard key={m.id} file={m.file} contentUrl={contentUrl(m.file.id)} leakCheck={slot.masked && blind} onOpen={() => setViewing(scanIndex(m.file.id))} />
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
      <ScanViewer scans={scans} openIndex={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
