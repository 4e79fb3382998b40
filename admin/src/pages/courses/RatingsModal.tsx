import { useEffect, useState } from 'react';
import { Alert, Button, Empty, List, Modal, Progress, Rate, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import type { OutputOf } from '@shared/contracts/define';
import type { coursesContracts } from '@shared/contracts/courses';
import { errorMessage } from '../../api';
import { callLearning } from '../../learning';

type Ratings = OutputOf<(typeof coursesContracts)['courseRatings']>;
const PAGE_SIZE = 20;

/** 学员评价: average, distribution of stars and the comments (learners' names masked by the server). */
export function RatingsModal({ courseId, title, onClose }: { courseId: string; title: string; onClose(): void }) {
  const [data, setData] = useState<Ratings | null>(null);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    callLearning('courseRatings', { courseId, page, pageSize: PAGE_SIZE })
      .then((r) => alive && setData((prev) => (page === 1 || !prev ? r : { ...r, items: [...prev.items, ...r.items] })))
      .catch((e) => alive && setError(errorMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [courseId, page]);

  return (
    <Modal open title={`学员评价 · ${title}`} footer={null} onCancel={onClose} width={640} data-testid="ratings-modal">
      {error && <Alert type="error" showIcon message="评价加载失败" description={error} style={{ marginBottom: 12 }} />}
      {!data ? (
        <div style={{ textAlign: 'center', padding: 32 }}>{loading && <Spin />}</div>
      ) : data.count === 0 ? (
        <Empty description="暂无评价（学员完成课程后才能评价）" />
      ) : (
        <>
          <div style={{ display: 'flex', gap: 32, alignItems: 'center', marginBottom: 16 }}>
            <div style={{ textAlign: 'center', minWidth: 120 }}>
              <div style={{ fontSize: 40, fontWeight: 600, lineHeight: 1.1 }} data-testid="ratings-average">
                {data.average?.toFixed(1) ?? '—'}
              </div>
              <Rate disabled allowHalf value={Math.round((data.average ?? 0) * 2) / 2} style={{ fontSize: 14 }} />
              <div>
                <Typography.Text type="secondary">{data.count} 人评价</Typography.Text>
              </div>
            </div>
            <div style={{ flex: 1 }}>
              {[5, 4, 3, 2, 1].map((stars) => {
                const n = data.distribution[stars - 1] ?? 0;
                return (
                  <div key={stars} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <span style={{ width: 32 }}>{stars}星</span>
                    <Progress percent={data.count ? Math.round((n / data.count) * 100) : 0} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
                    <span style={{ width: 40, textAlign: 'right' }}>{n}</span>
                  </div>
                );
              })}
            </div>
          </div>
          <List
            size="small"
            bordered
            dataSource={data.items}
            locale={{ emptyText: '没有文字评价' }}
            style={{ maxHeight: 360, overflow: 'auto' }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <span>
                      {r.learner} <Rate disabled value={r.stars} style={{ fontSize: 12, marginLeft: 8 }} />
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                        {dayjs(r.at).format('YYYY-MM-DD')}
                      </Typography.Text>
                    </span>
                  }
                  description={r.comment || <Typography.Text type="secondary">（未填写评语）</Typography.Text>}
                />
              </List.Item>
            )}
            loadMore={
              data.hasMore && (
                <div style={{ textAlign: 'center', padding: 8 }}>
                  <Button size="small" loading={loading} onClick={() => setPage((p) => p + 1)}>
                    加载更多
                  </Button>
                </div>
              )
            }
          />
        </>
      )}
    </Modal>
  );
}
