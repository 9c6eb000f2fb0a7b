// A button that downloads a generated file (评审表 PDF, 花名册, 对账表) and shows the server's
// message when it refuses, instead of opening an error page.
import { useState } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { errorMessage } from './errors';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; a later revoke keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

interface DownloadButtonProps extends Omit<ButtonProps, 'onClick' | 'href' | 'loading'> {
  url: string;
  filename: string;
}

export function DownloadButton({ url, filename, icon, ...props }: DownloadButtonProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      const file = await api.download(url, filename);
      saveBlob(file.blob, file.filename);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return <Button {...props} icon={icon ?? <DownloadOutlined />} loading={busy} onClick={() => void download()} />;
}
