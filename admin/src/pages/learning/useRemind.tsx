import { App } from 'antd';
import { errorMessage } from '../../api';
import { callLearning } from '../../learning';

/**
 * 提醒: confirms, then queues a WeChat subscribe-message reminder per person not done (idempotent
 * per course, person and day on the server) and says how many were queued / already reminded today.
 */
export function useRemind() {
  const { message, modal } = App.useApp();
  return (p: { courseId: string; title: string; notDone: number; personIds?: string[]; onDone?: () => void }) =>
    modal.confirm({
      title: `提醒未完成“${p.title}”的人员？`,
      content: `将向${p.personIds ? `所选 ${p.personIds.length} 人中` : ` ${p.notDone} 名`}未完成的人员发送微信提醒。同一人每门课程每天最多提醒一次。`,
      okText: '发送提醒',
      cancelText: '取消',
      okButtonProps: { ...{ 'data-testid': 'remind-confirm' } },
      onOk: async () => {
        try {
          const r = await callLearning('remindLearners', { courseId: p.courseId, ...(p.personIds ? { personIds: p.personIds } : {}) });
          if (r.queued === 0 && r.alreadyToday === 0) message.info('没有需要提醒的人员');
          else message.success(`已提醒 ${r.queued} 人${r.alreadyToday ? `，${r.alreadyToday} 人今天已提醒过` : ''}`, 5);
          p.onDone?.();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
}
