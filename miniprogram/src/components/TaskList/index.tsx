import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TaskItem } from '@shared/contracts';
import { dueView, groupTasks, percent, TASK_STATUS_TONE, TASK_STATUS_ZH } from '@shared/learning/studyView';
import { ProgressBar } from '../ProgressBar';
import { StatusTag } from '../StatusTag';
import { LEARN_PAGES } from '../../services/learning';
import './index.scss';

/** One task row: title, status, due date, progress. Tapping opens the course. */
export function TaskRow({ task, now }: { task: TaskItem; now: number }) {
  const done = task.status === 'done';
  const due = dueView(task.dueAt, now, done);
  const pct = percent(task.progress, done);
  return (
    <View className={`task-row task-row--${task.status}`} hoverClass='task-row--hover' onClick={() => void Taro.navigateTo({ url: LEARN_PAGES.course(task.courseId) })}>
      <View className='task-row__top'>
        <Text className='task-row__title'>{task.title}</Text>
        <StatusTag className='task-row__status' label={TASK_STATUS_ZH[task.status]} tone={TASK_STATUS_TONE[task.status]} />
      </View>
      <View className='task-row__bar'>
        <ProgressBar value={pct} />
        <Text className='task-row__pct'>{pct}%</Text>
      </View>
      {due && <Text className={`task-row__due task-row__due--${due.tone}`}>{due.text}</Text>}
    </View>
  );
}

/** Tasks grouped 必学必训 / 应知应会 / 自主学习; `only` narrows to one category. */
export function TaskGroups({ items, now, emptyHint }: { items: TaskItem[]; now: number; emptyHint?: (title: string) => string }) {
  return (
    <View className='task-groups'>
      {groupTasks(items).map((g) => (
        <View key={g.category} className={`task-group task-group--${g.category}`}>
          <View className='task-group__head'>
            <Text className='task-group__title'>{g.title}</Text>
            <Text className='task-group__count'>{g.items.length ? `已完成 ${g.done}/${g.items.length}` : ''}</Text>
          </View>
          {g.items.length ? (
            g.items.map((t) => <TaskRow key={t.courseId} task={t} now={now} />)
          ) : (
            <Text className='task-group__empty'>{emptyHint ? emptyHint(g.title) : `暂无${g.title}任务`}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
