// 申报材料: one block per material slot the campaign asks of this application — upload (only the
// slot's file types), the files with their quality warnings and blind-review check, rotate and
// remove; scans already in the archive can be placed in a slot too.
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { ApplicationView, ArchiveRecordView, FileView, MaterialSlotView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { fileContentUrl } from './ArchiveFiles';
import { MATERIALS_ID, slotElementId } from './elementIds';
import { FileCard, RotateButtons } from './FileCard';
import { acceptOf, isImage, requirementText, typesText } from './materials';
import { useIsPhone } from './useIsPhone';

interface SlotProps {
  applicationId: string;
  slot: MaterialSlotView;
  blind: boolean;
  archiveFiles: { fileId: string; label: string }[];
  onChanged(): Promise<unknown>;
}

function SlotCard({ applicationId, slot, blind, archiveFiles, onChanged }: SlotProps) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Several files chosen at once go up one after another, in the order chosen.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const base = `/api/me/applications/${encodeURIComponent(applicationId)}`;
  const have = slot.materials.length;
  const complete = have >= slot.required;

  function upload(file: File) {
    setUploading((n) => n + 1);
    queue.current = queue.current.then(async () => {
      try {
        const form = new FormData();
        form.append('file', file);
        await api.upload<FileView>(`${base}/materials/${encodeURIComponent(slot.id)}`, form);
        await onChanged();
      } catch (err) {
        setErrors((old) => [...old, `“${file.name}”未能上传：${errorMessage(err)}`]);
      } finally {
        setUploading((n) => n - 1);
      }
    });
  }

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      await onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const placeable = archiveFiles.filter((a) => !slot.materials.some((m) => m.file.id === a.fileId));
  return (
    <Card size="small" type="inner" id={slotElementId(slot.id)} tabIndex={-1} title={<span className="zp-wrap-title">{slot.name}</span>} data-testid="material-slot">
      <Flex vertical gap={12}>
        <Flex gap={6} wrap>
          <Tag color={slot.required === 0 ? 'default' : complete ? 'success' : 'error'}>
            {requirementText(slot)}，已上传 {have} 份
          </Tag>
          <Tag>{typesText(slot.fileTypes)}</Tag>
          {slot.ruleId && <Tag>{slot.ruleId}</Tag>}
          {slot.masked && blind && <Tag color="purple">盲评：须遮盖本人信息</Tag>}
        </Flex>
        {slot.materials.map((m) => (
          <FileCard
            key={m.id}
            file={m.file}
            contentUrl={fileContentUrl(m.file.id)}
            leakCheck={slot.masked && blind}
            actions={
              <>
                {isImage(m.file) && (
                  <RotateButtons disabled={busy} onRotate={(degrees) => act(() => api.post(`/api/me/files/${encodeURIComponent(m.file.id)}/rotate`, { degrees }))} />
                )}
                <Popconfirm title="从本栏目移除这份扫描件？" okText="移除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => act(() => api.delete(`${base}/materials/${encodeURIComponent(m.id)}`))}>
                  <Button size="small" danger disabled={busy} aria-label={`移除 ${m.file.originalName}`}>
                    移除
                  </Button>
                </Popconfirm>
              </>
            }
          />
        ))}
        {errors.map((error, i) => (
          <Alert key={i} type="error" showIcon title={error} closable={{ onClose: () => setErrors((old) => old.filter((_, j) => j !== i)) }} />
        ))}
        <Flex gap={8} wrap vertical={phone}>
          <Upload
            accept={acceptOf(slot.fileTypes)}
            multiple
            showUploadList={false}
            fileList={[]}
            className={phone ? 'zp-upload-block' : undefined}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading > 0} block={phone} aria-label={`上传扫描件：${slot.name}`}>
              上传扫描件
            </Button>
          </Upload>
          {placeable.length > 0 && (
            <Select
              aria-label={`从档案中选取：${slot.name}`}
              placeholder="从档案中选取扫描件"
              value={null}
              disabled={busy}
              className={phone ? 'zp-full-width' : 'zp-archive-pick'}
              options={placeable.map((a) => ({ value: a.fileId, label: a.label }))}
              onChange={(fileId: string) => act(() => api.post(`${base}/materials/${encodeURIComponent(slot.id)}/from-archive`, { fileId }))}
            />
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The archive's scans, named by their record, for "从档案中选取". */
function archiveFilesOf(archive: ArchiveRecordView[]) {
  return archive.flatMap((r) => r.fileIds.map((fileId, i) => ({ fileId, label: r.fileIds.length > 1 ? `${r.summary}（第 ${i + 1} 份）` : r.summary })));
}

export function MaterialsPanel({ view, archive, onChanged }: { view: ApplicationView; archive: ArchiveRecordView[]; onChanged(): Promise<unknown> }) {
  const blind = view.maskingRequired.length > 0;
  const archiveFiles = archiveFilesOf(archive);
  return (
    <Card size="small" title="申报材料" id={MATERIALS_ID} tabIndex={-1}>
      <Typography.Paragraph type="secondary">
        请上传清晰、方向正确的扫描件或照片。上传后会自动检查清晰度和方向，有问题会在文件旁以橙色提示{blind ? '；盲评材料还会检查是否有未遮盖的姓名、单位等信息' : ''}。
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        {view.slots.map((slot) => (
          <SlotCard key={slot.id} applicationId={view.id} slot={slot} blind={blind} archiveFiles={archiveFiles} onChanged={onChanged} />
        ))}
      </Flex>
    </Card>
  );
}
