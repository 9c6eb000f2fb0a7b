// One scan: a thumbnail (images) or a link (PDF), its size, the quality warnings in orange right
// next to it, and — where blind review applies — the result of the personal-information check.
import type { ReactNode } from 'react';
import { Button, Flex, Spin, Typography } from 'antd';
import { CloseCircleFilled, FilePdfOutlined, WarningFilled } from '@ant-design/icons';
import type { FileView } from '../../../api/types';
import { isImage, sizeText } from './materials';

interface FileCardProps {
  file: FileView;
  contentUrl: string;
  /** Show the blind-review check (pending, hits): only for masked slots of a blind review. */
  leakCheck?: boolean;
  /** Large pictures (the preview); thumbnails otherwise. */
  large?: boolean;
  actions?: ReactNode;
  /** Opens the scan in the page's viewer instead of a new window (a modified click still opens one). */
  onOpen?(): void;
}

function LeakCheck({ file }: { file: FileView }) {
  if (file.leakStatus === 'pending') {
    return (
      <Flex gap={6} align="center" data-testid="leak-pending">
        <Spin size="small" />
        <Typography.Text type="secondary">正在检查是否有未遮盖的个人信息…</Typography.Text>
      </Flex>
    );
  }
  if (file.leakStatus === 'failed') {
    return <Typography.Text type="secondary">未能自动检查个人信息，请自行确认已遮盖姓名、照片和工作单位</Typography.Text>;
  }
  return (
    <>
      {file.leakHits.map((hit, i) => (
        <Typography.Text type="danger" key={i} data-testid="leak-hit">
          <CloseCircleFilled /> {hit.message}
        </Typography.Text>
      ))}
    </>
  );
}

export function FileCard({ file, contentUrl, leakCheck = false, large = false, actions, onOpen }: FileCardProps) {
  const meta = [file.kind.toUpperCase(), sizeText(file.bytes), file.kind === 'pdf' ? `${file.pages} 页` : file.width && file.height ? `${file.width}×${file.height}` : null]
    .filter(Boolean)
    .join(' · ');
  const picture = isImage(file) ? (
    <img src={contentUrl} alt={file.originalName} className={large ? 'zp-scan-large' : 'zp-scan-thumb'} loading="lazy" />
  ) : (
    <span className="zp-scan-pdf" aria-hidden>
      <FilePdfOutlined />
    </span>
  );
  return (
    <Flex gap={12} vertical={large} data-testid="scan">
      <a
        href={contentUrl}
        target="_blank"
        rel="noopener"
        aria-label={`查看 ${file.originalName}`}
        className="zp-scan-link"
        onClick={(event) => {
          if (!onOpen || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          onOpen();
        }}
      >
        {picture}
      </a>
      <Flex vertical gap={4} className="zp-scan-body">
        <Typography.Text strong className="zp-break">
          {file.originalName}
        </Typography.Text>
        <Typography.Text type="secondary" className="zp-small">
          {meta}
        </Typography.Text>
        {file.warnings.map((w) => (
          <Typography.Text type="warning" key={w.code} data-testid="scan-warning">
            <WarningFilled /> {w.message}
          </Typography.Text>
        ))}
        {leakCheck && <LeakCheck file={file} />}
        {actions && (
          <Flex gap={8} wrap>
            {actions}
          </Flex>
        )}
      </Flex>
    </Flex>
  );
}

/** ↺ 90°, ↻ 90° and 180°: the server stores a turned copy in place of the file (clockwise degrees). */
export function RotateButtons({ onRotate, disabled }: { onRotate(degrees: 90 | 180 | 270): void; disabled?: boolean }) {
  return (
    <>
      <Button size="small" aria-label="向左旋转 90°" title="向左旋转 90°" disabled={disabled} onClick={() => onRotate(270)}>
        ↺ 90°
      </Button>
      <Button size="small" aria-label="向右旋转 90°" title="向右旋转 90°" disabled={disabled} onClick={() => onRotate(90)}>
        ↻ 90°
      </Button>
      <Button size="small" aria-label="旋转 180°" title="旋转 180°" disabled={disabled} onClick={() => onRotate(180)}>
        180°
      </Button>
    </>
  );
}
