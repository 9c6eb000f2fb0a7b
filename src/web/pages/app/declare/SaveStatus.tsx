// The autosave line under the header: 已保存 10:42:07 / 保存中… / the error; a conflict with another
// tab gets a reload that keeps what the applicant typed here. Actions sit under the message, so
// the alert stays readable on a 375 px screen.
import { Alert, Button, Typography } from 'antd';
import { CheckCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import type { SaveState } from './autosave';
import { beijingClock } from './time';

export function SaveStatus({ state, onRetry, onReload }: { state: SaveState; onRetry(): void; onReload(): void }) {
  if (state.kind === 'conflict' || state.kind === 'error') {
    const conflict = state.kind === 'conflict';
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        className="zp-save-status"
        title={conflict ? state.message : `保存失败：${state.message}`}
        description={
          <Button size="small" type={conflict ? 'primary' : 'default'} onClick={conflict ? onReload : onRetry} className="zp-gap-top">
            {conflict ? '载入最新内容并保留我的填写' : '重试（填写内容仍在页面上）'}
          </Button>
        }
      />
    );
  }
  const text = {
    idle: '填写内容会自动保存',
    dirty: '有未保存的修改…',
    saving: '保存中…',
    saved: state.kind === 'saved' ? `已保存 ${beijingClock(state.at)}` : '',
  }[state.kind];
  return (
    <div className="zp-save-status zp-save-line" role="status" aria-live="polite" data-testid="save-status">
      <Typography.Text type={state.kind === 'saved' ? 'success' : 'secondary'}>
        {state.kind === 'saving' && <LoadingOutlined />} {state.kind === 'saved' && <CheckCircleOutlined />} {text}
      </Typography.Text>
    </div>
  );
}
