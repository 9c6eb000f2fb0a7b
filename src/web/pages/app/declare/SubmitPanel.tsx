// 提交申报: everything still standing between the application and its submission, each a link to
// its place on the page; the blind preview; submit (with the leak acknowledgement when scans may
// still show personal information) and withdraw.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { EyeOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import type { ApplicationView, Problem } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { elementIdOf, PROBLEMS_ID } from './elementIds';
import { isLeakProblem } from './materials';
import { useIsPhone } from './useIsPhone';

/** Scrolls to an element of the page and puts the focus there (its first input, if any). */
export function scrollToElement(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const focusable = target.matches('input, textarea, [tabindex]') ? target : target.querySelector<HTMLElement>('input, textarea, button');
  focusable?.focus({ preventScroll: true });
}

function goTo(path: string): void {
  scrollToElement(elementIdOf(path));
}

const FOLDED_COUNT = 8;

export function ProblemList({ problems }: { problems: Problem[] }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? problems : problems.slice(0, FOLDED_COUNT);
  return (
    <>
      <ol className="zp-problem-list" data-testid="problems">
        {shown.map((p, i) => (
          <li key={i}>
            <Button type="link" className="zp-problem-link" onClick={() => goTo(p.path)}>
              {p.message}
            </Button>
          </li>
        ))}
      </ol>
      {problems.length > FOLDED_COUNT && (
        <Button type="link" size="small" className="zp-inline-link" onClick={() => setExpanded(!expanded)}>
          {expanded ? '收起' : `展开其余 ${problems.length - FOLDED_COUNT} 处`}
        </Button>
      )}
    </>
  );
}

interface SubmitPanelProps {
  view: ApplicationView;
  /** Saves what is typed before the submit, so the server checks the latest form. */
  beforeSubmit(): Promise<void>;
  onSubmitted(view: ApplicationView): void;
  onChanged(): Promise<unknown>;
}

export function SubmitPanel({ view, beforeSubmit, onSubmitted, onChanged }: SubmitPanelProps) {
  const { message, modal } = App.useApp();
  const phone = useIsPhone();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocking = view.problems.filter((p) => !isLeakProblem(p, view));
  const leaks = view.problems.filter((p) => isLeakProblem(p, view));
  const url = `/api/me/applications/${encodeURIComponent(view.id)}`;

  async function submit(acknowledgeLeaks: boolean) {
    setSubmitting(true);
    setError(null);
    try {
      await beforeSubmit();
      const submitted = await api.post<ApplicationView>(`${url}/submit`, { acknowledgeLeaks });
      message.success('申报已提交，请等待单位审核');
      onSubmitted(submitted);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SUBMISSION_INCOMPLETE') {
        const remaining = err.fields.filter((p) => !isLeakProblem(p, view));
        if (err.fields.length > 0 && remaining.length === 0) {
          confirmLeaks(err.fields);
        } else {
          setError(err.message);
          await onChanged();
        }
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSubmitting(false);
    }
  }

  function confirmLeaks(problems: Problem[]) {
    modal.confirm({
      title: '扫描件中可能还有未遮盖的个人信息',
      content: (
        <>
          <ul className="zp-plain-list">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          <Typography.Paragraph className="zp-gap-top">盲评材料出现本人信息可能影响评审。如确认已遮盖（自动检查有误），可以继续提交。</Typography.Paragraph>
        </>
      ),
      okText: '确认已遮盖，继续提交',
      cancelText: '返回修改',
      onOk: () => submit(true),
    });
  }

  function withdraw() {
    modal.confirm({
      title: '撤回这份申报？',
      content: '撤回后本申报不再受理，本年度的申报途径随之释放。',
      okText: '撤回申报',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`${url}/withdraw`);
          message.success('申报已撤回');
          await onChanged();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  return (
    <Card size="small" title="提交申报" id={PROBLEMS_ID}>
      <Flex vertical gap={12}>
        {blocking.length > 0 ? (
          <Alert type="warning" showIcon title={`还有 ${blocking.length} 处需要处理后才能提交（点击可定位）`} description={<ProblemList problems={blocking} />} />
        ) : (
          <Alert type="success" showIcon title="内容和材料已齐全，可以提交" />
        )}
        {leaks.length > 0 && <Alert type="error" showIcon title="以下扫描件可能出现了本人信息，请遮盖后重新上传" description={<ProblemList problems={leaks} />} />}
        <Link to={`/app/applications/${view.id}/preview`}>
          <EyeOutlined /> 按专家所见预览 <RightOutlined />
        </Link>
        {error && <Alert type="error" showIcon title={error} />}
        <Button type="primary" size="large" icon={<SendOutlined />} block={phone} loading={submitting} disabled={blocking.length > 0} onClick={() => submit(false)}>
          提交申报
        </Button>
        {blocking.length > 0 && (
          <Typography.Text type="secondary" data-testid="submit-disabled-reason">
            提交按钮暂不可用：请先处理上面列出的 {blocking.length} 处问题。
          </Typography.Text>
        )}
        <Typography.Text type="secondary" className="zp-small">
          提交后由所在单位审核；被退回的可修改后重新提交，每年最多提交 {view.maxSubmissions} 次（已提交 {view.submissionCount} 次）。
        </Typography.Text>
        <Button danger block={phone} onClick={withdraw}>
          撤回申报
        </Button>
      </Flex>
    </Card>
  );
}
