// The scans attached to an archive record (certificates, reports): upload, look, rotate, detach.
// Uploading stores the file at once; the record keeps it when the record is saved.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { FileView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { FileCard, RotateButtons } from './FileCard';
import { acceptOf, isImage } from './materials';

export const fileContentUrl = (fileId: string) => `/api/me/files/${encodeURIComponent(fileId)}/content`;

interface ArchiveFilesProps {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}

/** A form control (value: file ids) for antd's Form.Item. */
export function ArchiveFiles({ id, value = [], onChange }: ArchiveFilesProps) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<Record<string, FileView>>({});
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  // Several files chosen at once upload one after another, each adding to the latest list.
  const latest = useRef(value);
  latest.current = value;
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    const missing = value.filter((fileId) => !files[fileId]);
    if (missing.length === 0) return;
    let current = true;
    Promise.all(missing.map((fileId) => api.get<FileView>(`/api/me/files/${encodeURIComponent(fileId)}`)))
      .then((loaded) => current && setFiles((old) => ({ ...old, ...Object.fromEntries(loaded.map((f) => [f.id, f])) })))
      .catch((err: unknown) => current && setErrors((old) => [...old, errorMessage(err)]));
    return () => {
      current = false;
    };
  }, [value, files]);

  function change(ids: string[]) {
    latest.current = ids;
    onChange?.(ids);
  }

  function upload(file: File) {
    setUploading((n) => n + 1);
    queue.current = queue.current.then(async () => {
      try {
        const form = new FormData();
        form.append('file', file);
        const stored = await api.upload<FileView>('/api/me/files', form);
        setFiles((old) => ({ ...old, [stored.id]: stored }));
        change([...latest.current, stored.id]);
      } catch (err) {
        setErrors((old) => [...old, `${file.name}：${errorMessage(err)}`]);
      } finally {
        setUploading((n) => n - 1);
      }
    });
  }

  async function rotate(fileId: string, degrees: 90 | 180 | 270) {
    try {
      const rotated = await api.post<FileView>(`/api/me/files/${encodeURIComponent(fileId)}/rotate`, { degrees });
      setFiles((old) => ({ ...old, [rotated.id]: rotated }));
      change(latest.current.map((v) => (v === fileId ? rotated.id : v)));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Flex vertical gap={12} id={id}>
      {value.map((fileId) => {
        const file = files[fileId];
        if (!file) return null;
        return (
          <FileCard
            key={fileId}
            file={file}
            contentUrl={fileContentUrl(fileId)}
            actions={
              <>
                {isImage(file) && <RotateButtons onRotate={(degrees) => rotate(fileId, degrees)} />}
                <Button size="small" danger onClick={() => change(latest.current.filter((v) => v !== fileId))}>
                  移除
                </Button>
              </>
            }
          />
        );
      })}
      {errors.map((error, i) => (
        <Alert key={i} type="error" showIcon title={error} closable={{ onClose: () => setErrors((old) => old.filter((_, j) => j !== i)) }} />
      ))}
      <Upload
        accept={acceptOf(['jpg', 'png', 'pdf'])}
        multiple
        showUploadList={false}
        fileList={[]}
        beforeUpload={(file) => {
          upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading > 0}>
          上传扫描件
        </Button>
      </Upload>
    </Flex>
  );
}
