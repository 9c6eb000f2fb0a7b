// What the tabs of a committee's page share: the loaded committee with a reload, and running an
// action — optionally after a confirmation — that reports success briefly and a refusal in a
// dialog with the server's message, then reloads the committee.
import { useCallback, useState, type ReactNode } from 'react';
import { App } from 'antd';
import type { CommitteeDetail } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';

export interface CommitteeTabProps {
  committee: CommitteeDetail;
  /** Reloads the committee (quietly: the page stays as it is while loading). */
  reload(): Promise<void>;
}

export interface ConfirmText {
  title: string;
  content: ReactNode;
  okText: string;
  danger?: boolean;
}

export function useRun(reload: () => Promise<void>) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  /** Runs `action` (key names the button that shows busy); `done` is the success message. */
  const run = useCallback(
    async <T,>(key: string, action: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | undefined> => {
      setBusy(key);
      try {
        const result = await action();
        if (done) message.success(typeof done === 'function' ? done(result) : done);
        await reload();
        return result;
      } catch (err) {
        modal.error({ title: '操作未成功', content: <span data-testid="action-error">{errorMessage(err)}</span>, okText: '知道了' });
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [message, modal, reload],
  );

  /** Asks first; runs on 确认. */
  const confirmRun = useCallback(
    <T,>(text: ConfirmText, key: string, action: () => Promise<T>, done?: string | ((result: T) => string)) => {
      modal.confirm({
        title: text.title,
        content: text.content,
        okText: text.okText,
        cancelText: '取消',
        okButtonProps: { danger: text.danger, ...({ 'data-testid': 'confirm-ok' } as object) },
        onOk: () => void run(key, action, done),
      });
    },
    [modal, run],
  );

  return { busy, run, confirmRun };
}
