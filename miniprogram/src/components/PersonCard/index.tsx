import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PersonSelf, RequestRow } from '@shared/contracts';
import { workerStateView, type WorkerStateView } from '@shared/workerState';
import { StatusTag } from '../StatusTag';
import { markDecisionSeen } from '../../services/session';
import { postLabel } from '../../utils/labels';
import './index.scss';

interface Props {
  person: PersonSelf;
  pendingRequests: RequestRow[];
  /** The server's last decision on the worker's requests (identity.me). */
  lastDecision?: RequestRow | null;
  /** That decision, when it is still worth a note (not dismissed; see decisionToShow). */
  decisionNote?: RequestRow | null;
}

const goChange = () => void Taro.navigateTo({ url: '/pages/employer-change/index' });

const NOTICE_CLASS: Record<NonNullable<WorkerStateView['notice']>['tone'], string> = {
  warn: 'pending-banner--registration',
  change: 'pending-banner--change',
  muted: 'pending-banner--muted',
  bad: 'pending-banner--rejected decision-banner decision-banner--rejected',
};

/** The one notice about the worker's state (shared/workerState), the same on 首页 and 我的. */
export function WorkerNotice({ view, className = '' }: { view: WorkerStateView; className?: string }) {
  const n = view.notice;
  if (!n) return null;
  return (
    <View className={`pending-banner worker-notice worker-notice--${view.kind} ${NOTICE_CLASS[n.tone]} ${className}`} onClick={n.action || n.tone === 'change' ? goChange : undefined}>
      <Text className='pending-banner__title'>{n.title}</Text>
      <Text className='pending-banner__desc'>{n.desc}</Text>
    </View>
  );
}

/** 首页: who is signed in, where they work, and anything waiting for approval. */
export function PersonCard({ person, pendingRequests, lastDecision, decisionNote }: Props) {
  const view = workerStateView(person, pendingRequests, lastDecision);
  // A decision still worth a note, unless the state notice already tells it (a rejected registrant).
  const note = view.kind === 'rejected' || view.kind === 'unplaced' ? null : decisionNote;
  return (
    <View className='card person-card'>
      <View className='person-card__main'>
        <View className='person-card__avatar'>{person.name.slice(0, 1)}</View>
        <View className='person-card__body'>
          <View className='person-card__line'>
            <Text className='person-card__name'>{person.name}</Text>
            <StatusTag className='person-card__status' label={view.tag.label} tone={view.tag.tone} />
          </View>
          <Text className='person-card__enterprise'>{view.enterpriseLine}</Text>
          <Text className='person-card__meta'>
            {postLabel(person.postCategory)}
            {person.departmentName ? ` · ${person.departmentName}` : ''}
          </Text>
        </View>
      </View>
      {note && (
        <View className={`pending-banner pending-banner--${note.status} decision-banner decision-banner--${note.status}`}>
          <Text className='pending-banner__title'>
            {note.status === 'rejected' ? `申请被驳回：${note.reason || '未说明原因'}` : `已调入 ${note.enterpriseName}`}
          </Text>
          <Text className='pending-banner__desc'>
            {note.status === 'rejected'
              ? `${note.type === 'changeEmployer' ? '调入' : '加入'}“${note.enterpriseName}”的申请未通过，如有疑问请联系该企业管理员。`
              : '更换企业申请已通过，原单位任职记录已结束，培训档案和积分随本人转移。'}
          </Text>
          <View className='pending-banner__actions'>
            {note.status === 'rejected' && (
              <Text className='pending-banner__link' onClick={goChange}>
                重新申请
              </Text>
            )}
            <Text className='pending-banner__link decision-banner__dismiss' onClick={() => markDecisionSeen(note._id)}>
              知道了
            </Text>
          </View>
        </View>
      )}
      <WorkerNotice view={view} />
    </View>
  );
}
