// The reviewers' scan viewer: every scan of the application in slot order in one full-screen
// dialog — zoom, view-only rotation (nothing is saved), 上一份 / 下一份 and ←/→, +/- keys. The
// server forbids framing its files, so a PDF opens in a new window instead of inside the dialog.
import { useEffect, useState } from 'react';
import { Button, Flex, Modal, Typography } from 'antd';
import {
  CompressOutlined,
  ExportOutlined,
  FilePdfOutlined,
  LeftOutlined,
  RightOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import type { FileView } from '../../../api/types';
import { isImage } from './materials';
import { canZoomIn, canZoomOut, fitWindow, initialViewer, page, pictureClasses, positionText, rotate, zoomIn, zoomOut, zoomText, type ViewerState } from './scanViewer';

export interface ViewerScan {
  file: FileView;
  slotName: string;
  contentUrl: string;
}

interface ScanViewerProps {
  scans: ViewerScan[];
  /** The scan shown, or null while closed. */
  openIndex: number | null;
  onClose(): void;
}

export function ScanViewer({ scans, openIndex, onClose }: ScanViewerProps) {
  const [state, setState] = useState<ViewerState>(initialViewer(openIndex ?? 0));
  const [shownFor, setShownFor] = useState(openIndex);
  // Each opening starts at the clicked scan, fitted and upright.
  if (openIndex !== shownFor) {
    setShownFor(openIndex);
    if (openIndex !== null) setState(initialViewer(openIndex));
  }
  const open = openIndex !== null && scans.length > 0;
  // The last scan stays in place while the dialog closes.
  const scan = scans.length > 0 ? scans[Math.min(state.index, scans.length - 1)] : null;
  const image = scan !== null && isImage(scan.file);

  useEffect(() => {
    if (!open) return;
    const count = scans.length;
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowLeft') setState((s) => page(s, -1, count));
      else if (event.key === 'ArrowRight') setState((s) => page(s, 1, count));
      else if (image && (event.key === '+' || event.key === '=')) setState(zoomIn);
      else if (image && (event.key === '-' || event.key === '_')) setState(zoomOut);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, image, scans.length]);

  const many = scans.length > 1;
  const footer = scan && (
    <Flex gap={8} wrap justify="center" className="zp-viewer-toolbar">
      <Button icon={<LeftOutlined />} disabled={!many} onClick={() => setState((s) => page(s, -1, scans.length))}>
        上一份
      </Button>
      <Button icon={<RightOutlined />} iconPlacement="end" disabled={!many} onClick={() => setState((s) => page(s, 1, scans.length))}>
        下一份
      </Button>
      <Button icon={<ZoomInOutlined />} disabled={!image || !canZoomIn(state)} onClick={() => setState(zoomIn)}>
        放大
      </Button>
      <Button icon={<ZoomOutOutlined />} disabled={!image || !canZoomOut(state)} onClick={() => setState(zoomOut)}>
        缩小
      </Button>
      <Button icon={<CompressOutlined />} disabled={!image} onClick={() => setState(fitWindow)}>
        适应窗口
      </Button>
      <Button icon={<RotateLeftOutlined />} disabled={!image} onClick={() => setState((s) => rotate(s, -1))}>
        向左旋转
      </Button>
      <Button icon={<RotateRightOutlined />} disabled={!image} onClick={() => setState((s) => rotate(s, 1))}>
        向右旋转
      </Button>
      <Button icon={<ExportOutlined />} href={scan.contentUrl} target="_blank" rel="noopener">
        在新窗口打开
      </Button>
    </Flex>
  );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={footer}
      width="100vw"
      rootClassName="zp-viewer"
      destroyOnHidden
      title={
        scan && (
          <Flex gap={12} wrap align="baseline">
            <span data-testid="viewer-position">{positionText(state.index, scans.length, scan.slotName)}</span>
            <Typography.Text type="secondary" className="zp-small zp-break">
              {scan.file.originalName}
              {image && ` · ${zoomText(state)}`}
            </Typography.Text>
          </Flex>
        )
      }
    >
      {scan && (
        <div className="zp-viewer-stage" data-testid="viewer-stage">
          {image ? (
            <div className={`zp-viewer-frame ${pictureClasses(state)}`}>
              <img key={scan.file.id} src={scan.contentUrl} alt={scan.file.originalName} className="zp-viewer-img" />
            </div>
          ) : (
            <Flex vertical align="center" gap={12} className="zp-viewer-pdf">
              <FilePdfOutlined className="zp-viewer-pdf-icon" />
              <Typography.Text>PDF 文件（{scan.file.pages} 页）不能在此处预览，请在新窗口中查看。</Typography.Text>
              <Button type="primary" icon={<ExportOutlined />} href={scan.contentUrl} target="_blank" rel="noopener">
                在新窗口打开
              </Button>
            </Flex>
          )}
        </div>
      )}
    </Modal>
  );
}
