import { Alert, Descriptions, Drawer, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { EnterpriseArchive, PersonArchive } from '@shared/contracts/oversight';
import { INDUSTRIES, KEY_AREAS, POST_CATEGORIES, SCALES, SUPERVISION_TYPES, EMPLOYMENT_TYPES, labelOf } from '@shared/taxonomy';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { CertificateTags } from '../../components/CertificateTags';
import { useLatestLoad } from '../../components/useLatestLoad';
import { callOversight } from '../../oversight';
import { AuditTable } from './AuditTable';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const day = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD') : '—');
const SOURCE_ZH: Record<string, string> = { import: '批量导入', admin: '管理员添加', selfRegistration: '本人注册', transfer: '调动' };

/** 企业档案 detail: attributes, staff vs 社保参保, learning and exams, 内训师, offline trainings, history. */
export function EnterpriseArchiveDrawer({ enterpriseId, onClose }: { enterpriseId: string | null; onClose: () => void; onPerson?: (id: string) => void }) {
  const { data, loading, error, reload } = useLatestLoad(() => (enterpriseId ? callOversight('enterpriseArchive', { enterpriseId }) : Promise.resolve(null)), [enterpriseId]);
  const a = data as EnterpriseArchive | null;
  return (
    <Drawer open={!!enterpriseId} onClose={onClose} width={860} title={a?.enterprise.name ?? '企业档案'} destroyOnClose data-testid="enterprise-archive-drawer">
      {error && <LoadErrorAlert what="企业档案" error={error} onRetry={reload} />}
      {loading && !a && <PageSpinner />}
      {a && (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="统一社会信用代码"><span className="mono">{a.enterprise.creditCode}</span></Descriptions.Item>
            <Descriptions.Item label="所在地区">{a.enterprise.regionName}</Descriptions.Item>
            <Descriptions.Item label="行业">{labelOf(INDUSTRIES, a.enterprise.industry)}</Descriptions.Item>
            <Descriptions.Item label="规模">{labelOf(SCALES, a.enterprise.scale)}</Descriptions.Item>
            <Descriptions.Item label="监管类型">{labelOf(SUPERVISION_TYPES, a.enterprise.supervisionType)}</Descriptions.Item>
            <Descriptions.Item label="重点领域">{a.enterprise.keyAreas.map((k) => labelOf(KEY_AREAS, k)).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{a.enterprise.contactName} {a.enterprise.contactPhone}</Descriptions.Item>
            <Descriptions.Item label="注册时间">{day(a.enterprise.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="地址" span={2}>{a.enterprise.address}</Descriptions.Item>
          </Descriptions>
          <Space size={40} wrap>
            <Statistic title="注册人数" value={a.staff.registered} />
            <Statistic title={`社保参保人数${a.staff.insuredPeriod ? `（${a.staff.insuredPeriod}）` : ''}`} value={a.staff.insured ?? '未导入'} />
            <Statistic title="学习人数" value={a.learning.learners} />
            <Statistic title="在线学时" value={a.learning.onlineHours} suffix="小时" />
            <Statistic title="课程完成率" value={pct(a.learning.completionRate)} />
            <Statistic title="学习积分" value={a.learning.points} />
            <Statistic title="参考人次" value={a.learning.examTakers} />
            <Statistic title="考试合格率" value={pct(a.learning.passRate)} />
          </Space>
          <div>
            <Typography.Title level={5}>
              内训师 {a.trainers.count} 人 / 应配 {a.trainers.required} 人 {a.trainers.meets ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
            </Typography.Title>
            <Typography.Text type="secondary">{a.trainers.rule}（岗位类别为“内训师”的在职人员）</Typography.Text>
            <div style={{ marginTop: 8 }}>{a.trainers.items.length ? a.trainers.items.map((t) => <Tag key={t.personId}>{t.name} {t.idMasked}</Tag>) : <Typography.Text type="secondary">暂无内训师</Typography.Text>}</div>
          </div>
          <div>
            <Typography.Title level={5}>线下培训（最近50次）</Typography.Title>
            <Table size="small" rowKey="_id" pagination={false} dataSource={a.offlineTrainings} locale={{ emptyText: '暂无线下培训记录' }}
              columns={[{ title: '日期', dataIndex: 'date', width: 120 }, { title: '主题', dataIndex: 'topic' }, { title: '学时', dataIndex: 'hours', width: 80 }, { title: '参训人数', dataIndex: 'attendees', width: 100 }]} />
          </div>
          <div>
            <Typography.Title level={5}>审计日志（变更记录、查看身份证号）</Typography.Title>
            <AuditTable target={{ enterpriseId: a.enterprise._id }} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

/** 人员档案 detail: 一人一档 across employers. */
export function PersonArchiveDrawer({ personId, onClose }: { personId: string | null; onClose: () => void }) {
  const { data, loading, error, reload } = useLatestLoad(() => (personId ? callOversight('personArchive', { personId }) : Promise.resolve(null)), [personId]);
  const a = data as PersonArchive | null;
  const exams = a ? [...a.onlineExams.map((e) => ({ ...e, key: `o${e.examId}` })), ...a.uploadedExams.map((e, i) => ({ ...e, key: `u${i}`, attempts: 1, cheating: false }))].sort((x, y) => y.date.localeCompare(x.date)) : [];
  return (
    <Drawer open={!!personId} onClose={onClose} width={860} title={a ? `${a.person.name} 的一人一档` : '人员档案'} destroyOnClose data-testid="person-archive-drawer">
      {error && <LoadErrorAlert what="人员档案" error={error} onRetry={reload} />}
      {loading && !a && <PageSpinner />}
      {a && (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="身份证号"><span className="mono">{a.person.idMasked}</span></Descriptions.Item>
            <Descriptions.Item label="出生日期">{a.person.birthDate}</Descriptions.Item>
            <Descriptions.Item label="所在企业">{a.person.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="部门">{a.person.departmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="岗位类别">{labelOf(POST_CATEGORIES, a.person.postCategory)}</Descriptions.Item>
            <Descriptions.Item label="用工形式">{labelOf(EMPLOYMENT_TYPES, a.person.employmentType)}</Descriptions.Item>
            <Descriptions.Item label="持证情况" span={2}>{a.person.certificatesHeld.length ? <CertificateTags certificates={a.person.certificatesHeld} /> : '无'}</Descriptions.Item>
            <Descriptions.Item label="学习积分">{a.points}</Descriptions.Item>
            <Descriptions.Item label="学时证明">{a.certificates.length} 份</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>年度学时</Typography.Title>
            <Table size="small" rowKey="year" pagination={false} dataSource={a.years}
              columns={[
                { title: '年度', dataIndex: 'year', width: 80 },
                { title: '在线学时', dataIndex: 'onlineHours', render: (v: number, r) => `${v} / ${r.requirement.online}` },
                { title: '线下学时', dataIndex: 'offlineHours', render: (v: number, r) => `${v} / ${r.requirement.offline}` },
                { title: '要求合计', render: (_: unknown, r) => r.requirement.total },
                { title: '是否达标', dataIndex: 'met', width: 100, render: (v: boolean, r) => (v ? <Tag color="green">达标</Tag> : <Tag color="orange">差 {r.gap} 学时</Tag>) },
              ]} />
          </div>
          <div>
            <Typography.Title level={5}>课程</Typography.Title>
            <Table size="small" rowKey="courseId" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={a.courses} locale={{ emptyText: '暂无学习记录' }}
              columns={[{ title: '课程', dataIndex: 'title' }, { title: '学习时长', dataIndex: 'creditedSeconds', width: 110, render: (v: number) => `${Math.round(v / 60)} 分钟` }, { title: '学时', dataIndex: 'creditedHours', width: 70 }, { title: '完成日期', dataIndex: 'completedAt', width: 120, render: day }, { title: '当时企业', dataIndex: 'enterpriseName', width: 200, render: (v: string | null) => v ?? '—' }]} />
          </div>
          <div>
            <Typography.Title level={5}>考试</Typography.Title>
            <Table size="small" rowKey="key" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={exams} locale={{ emptyText: '暂无考试成绩' }}
              columns={[
                { title: '考试', dataIndex: 'examTitle' },
                { title: '日期', dataIndex: 'date', width: 120, render: day },
                { title: '成绩', width: 100, render: (_: unknown, r) => `${r.score} / ${r.fullScore}` },
                { title: '次数', dataIndex: 'attempts', width: 70 },
                { title: '结果', width: 110, render: (_: unknown, r) => (r.cheating ? <Tag color="red">作弊</Tag> : r.passed ? <Tag color="green">合格</Tag> : <Tag color="orange">不合格</Tag>) },
                { title: '来源', dataIndex: 'source', width: 90, render: (v: string) => (v === 'uploaded' ? '成绩上传' : '在线考试') },
              ]} />
          </div>
          <div>
            <Typography.Title level={5}>线下培训</Typography.Title>
            <Table size="small" rowKey={(r) => `${r.date}${r.topic}`} pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={a.offlineTrainings} locale={{ emptyText: '暂无线下培训记录' }}
              columns={[{ title: '日期', dataIndex: 'date', width: 120 }, { title: '主题', dataIndex: 'topic' }, { title: '学时', dataIndex: 'hours', width: 80 }, { title: '组织企业', dataIndex: 'enterpriseName', width: 200 }]} />
          </div>
          <div>
            <Typography.Title level={5}>任职经历</Typography.Title>
            {a.employments.length ? (
              <Table size="small" rowKey={(r) => `${r.enterpriseId}${r.from}`} pagination={false} dataSource={a.employments}
                columns={[{ title: '企业', dataIndex: 'enterpriseName' }, { title: '入职', dataIndex: 'from', width: 120, render: day }, { title: '离职', dataIndex: 'to', width: 120, render: (v: string | null) => (v ? day(v) : <Tag color="green">在职</Tag>) }, { title: '方式', dataIndex: 'source', width: 110, render: (v: string) => SOURCE_ZH[v] ?? v }]} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无任职记录" />
            )}
          </div>
          <div>
            <Typography.Title level={5}>审计日志</Typography.Title>
            <AuditTable target={{ personId: a.person._id }} />
          </div>
          <Alert type="info" showIcon message="档案随人员终身保存，跨企业归集；身份证号仅显示脱敏号码。" />
        </Space>
      )}
    </Drawer>
  );
}
