import { useEffect, useState } from 'react';
import { Alert, App, Modal, Spin, Typography } from 'antd';
import type { ReachPreview } from '@shared/contracts/courses';
import { errorMessage } from '../../api';
import { callLearning } from '../../learning';
import { ReachSummary } from '../../components/push/ReachPanel';

/**
 * 发布 confirmation: shows the reach of the saved draft (count queries on the server), then
 * publishes. Publishing writes only the course; the people it reaches see it in their task list.
 */
export function PublishDialog({ courseId, title, onClose, onPublished }: { courseId: string; title: string; onClose(): void; onPublished(reach: { persons: number; enterprises: number }): void }) {
  const { message } = App.useApp();
  const [reach, setReach] = useState<ReachPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    callLearning('previewReach', { courseId })
      .then((r) => alive && setReach(r))
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [courseId]);

  const publish = async () => {
    setSaving(true);
    setError(null);
    try {
      const { reach: r } = await callLearning('publishCourse', { courseId });
      message.success(`课程已发布，覆盖 ${r.persons} 人 / ${r.enterprises} 家企业`);
      onPublished(r);
    } catch (e) {
      setSaving(false);
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={`发布“${title}”`}
      okText="确认发布"
      cancelText="取消"
      onOk={publish}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !reach && !loadError, ...{ 'data-testid': 'publish-confirm' } }}
      width={520}
      data-testid="publish-dialog"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {loadError ? (
        <Alert type="warning" showIcon message="覆盖范围暂时无法计算" description={`${loadError}。仍可发布，发布后匹配的人员即可看到课程。`} />
      ) : reach ? (
        <ReachSummary reach={reach} />
      ) : (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
          <div style={{ marginTop: 8 }}>正在计算覆盖范围…</div>
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        发布后，推送范围内的人员立即在小程序“学习”中看到此课程；之后新加入的匹配人员也会自动收到。已发布的课程不能直接修改，如需调整请创建新版本。
      </Typography.Paragraph>
    </Modal>
  );
}
